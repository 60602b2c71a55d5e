// What the console test is given: the server, its keys and the fixtures
// the Go test (cmd/adstitch/console_test.go) set up. Every variable is
// required unless marked optional.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export function readEnv(env = process.env) {
  const need = (name) => {
    const v = env[name];
    if (!v) throw new Error(`${name} is not set (see console-test/README in web/README.md)`);
    return v;
  };
  const base = need('ADSTITCH_URL').replace(/\/+$/, '');
  return {
    base, // http://127.0.0.1:PORT
    console: `${base}/console/`,
    keys: {
      admin: need('ADSTITCH_ADMIN_KEY'),
      analyst: need('ADSTITCH_ANALYST_KEY'),
      service: need('ADSTITCH_SERVICE_KEY'),
      marketer: need('ADSTITCH_MARKETER_KEY'), // a stored key of the advertiser below
    },
    advertiser: need('CONSOLE_ADVERTISER_NAME'),
    adHLS: need('CONSOLE_AD_HLS'), // an HLS ad the server accepts as a creative
    stream: need('CONSOLE_STREAM'), // a VOD stream with a preroll
    city: need('CONSOLE_CITY'), // the city of CONSOLE_VIEWER_IP in the geo database
    viewerIP: need('CONSOLE_VIEWER_IP'),
    results: env.CONSOLE_RESULTS || path.join(here, '..', 'test-results'), // screenshots
    // Optional: a video file for the spot upload step (see uploads.mjs).
    spotFile: env.CONSOLE_SPOT_FILE || '',
  };
}
