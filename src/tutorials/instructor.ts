export { DashboardWidget } from './Dashboard';
export { pickSession, pickTutorial, showSessionCreated } from './sessions';
