export { ServiceUnavailable } from './ServiceUnavailable';
export { useServiceStatus } from './useServiceStatus';
export { formatDateTime, formatList, formatRelative, intlLocale } from './format';
