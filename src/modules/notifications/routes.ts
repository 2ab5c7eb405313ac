import type { FileStorage } from '../../server/storage.js';
import type { App } from '../../server/types.js';

export function notificationsRoutes(_app: App, _storage: FileStorage): void {}
