import { installPersonalDataKeys, newKey } from '../src/lib/personal-data.js';

// Each test process seals phone numbers and TOTP secrets under a key of its own, as a start would.
installPersonalDataKeys([newKey()]);
