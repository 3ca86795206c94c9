/** `node --import register.mjs`: installs hooks.mjs with the stand-in built beside it. */
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url, {
  data: { standinUrl: new URL('./electron.mjs', import.meta.url).href },
});
