import { Token } from '@lumino/coreutils';
import type { ISignal } from '@lumino/signaling';
import type {
  Health,
  IGatewayInfo,
  LeapApiClient,
  LeapApiError
} from './api';

/**
 * The LEAP API client shared by every panel (one set of server settings).
 */
export type ILeapApiClient = LeapApiClient;
export const ILeapApiClient = new Token<LeapApiClient>(
  'jupyterlab-leap:ILeapApiClient',
  'The typed client of the LEAP gateway and service API.'
);

/**
 * Whether the LEAP service can be used right now.
 *
 * - `starting`: not answering yet but expected to (first check pending, or the
 *   gateway is launching/restarting it).
 * - `online`: the service answered its health check.
 * - `offline`: the service (or the gateway) cannot be reached.
 */
export type LeapServiceState = 'starting' | 'online' | 'offline';

/**
 * What the last check of the service found.
 */
export interface ILeapServiceSnapshot {
  readonly state: LeapServiceState;
  /**
   * The last health answer (kept while offline, so views can say what was).
   */
  readonly health: Health | null;
  /**
   * The last gateway answer; null when the gateway never answered.
   */
  readonly gateway: IGatewayInfo | null;
  /**
   * Why the service is not online; null when online.
   */
  readonly error: LeapApiError | null;
  /**
   * When the last check finished (ms since the epoch); 0 before the first.
   */
  readonly checkedAt: number;
}

/**
 * The service-status model: polls the gateway and the service's health with
 * backoff, and tells panels when the service becomes unreachable.
 */
export interface ILeapServiceStatus extends ILeapServiceSnapshot {
  /**
   * Emits after every check (payload: the new snapshot).
   */
  readonly changed: ISignal<ILeapServiceStatus, ILeapServiceSnapshot>;
  /**
   * Emits only when `state` changes.
   */
  readonly stateChanged: ISignal<ILeapServiceStatus, ILeapServiceStatus.IStateChange>;
  /**
   * Check now (e.g. a Retry button); resolves after the check.
   */
  refresh(): Promise<void>;
}

export namespace ILeapServiceStatus {
  export interface IStateChange {
    readonly previous: LeapServiceState;
    readonly current: LeapServiceState;
  }
}

export const ILeapServiceStatus = new Token<ILeapServiceStatus>(
  'jupyterlab-leap:ILeapServiceStatus',
  'The state of the LEAP service (online, offline, starting), polled with backoff.'
);

/**
 * The ids of the commands of the suite (`leap:<verb>`), for parts to call.
 */
export namespace CommandIDs {
  export const openAbout = 'leap:open-about';
  export const checkService = 'leap:check-service';
  export const openDataLibrary = 'leap:open-data-library';
  export const searchData = 'leap:search-data';
  export const openTutorials = 'leap:open-tutorials';
  export const startTutorial = 'leap:start-tutorial';
  export const checkStep = 'leap:check-step';
  export const openClassDashboard = 'leap:open-class-dashboard';
  export const createClassSession = 'leap:create-class-session';
  export const deleteTutorial = 'leap:delete-tutorial';
  export const publish = 'leap:publish';
  export const openKnowledgeGraph = 'leap:open-knowledge-graph';
  export const openPerson = 'leap:open-person';
  export const addFromGitHub = 'leap:add-from-github';
  export const addByDoi = 'leap:add-by-doi';
  export const openCosts = 'leap:open-costs';
  export const openCostReport = 'leap:open-cost-report';
  export const requestDataset = 'leap:request-dataset';
  export const openDatasetRequests = 'leap:open-dataset-requests';
}

/**
 * The launcher category and command-palette category of the suite.
 */
export const LEAP_CATEGORY = 'LEAP';
