export { LeapApiClient } from './client';
export { LeapApiError, SERVICE_UNAVAILABLE, parseErrorBody } from './error';
export type { GatewayServiceState, IGatewayInfo } from './gateway';
export type { ErrorBody, Health, Mode, WhoAmI } from 'leap-hub-service/dist/api/schemas';
