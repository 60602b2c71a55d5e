// One playback session: open the player page in the browser, start hls.js on
// the stream URL and collect the recorder's events until the run stops.
//
// A run stops on the video's 'ended', a fatal hls.js error, a video element
// error, a page crash, or the wall limit (--seconds): in vod mode the limit is
// a timeout, in live mode it is the planned end of the run.

export async function playSession(context, pageURL, opts) {
  const page = context.pages()[0] ?? (await context.newPage());
  const startedAt = Date.now();
  const events = [];
  let accepting = true;
  let stop;
  const stopped = new Promise((resolve) => {
    stop = resolve;
  });
  const push = (event) => {
    if (accepting) events.push(event);
  };
  const nodeEvent = (type, data) =>
    push(Object.assign({ seq: -1, t: Date.now() - startedAt, type }, data));

  await page.exposeFunction('__record', (event) => {
    push(event);
    switch (event.type) {
      case 'ended':
        stop('ended');
        break;
      case 'ERROR':
        if (event.fatal) stop('fatal');
        break;
      case 'videoError':
        stop('videoError');
        break;
      case 'harness':
        if (event.fatal) stop('harness');
        break;
    }
  });
  page.on('pageerror', (err) => nodeEvent('pageerror', { reason: err.message }));
  page.on('crash', () => {
    nodeEvent('crash', {});
    stop('crash');
  });

  const limit = setTimeout(() => stop(opts.mode === 'live' ? 'duration' : 'timeout'), opts.seconds * 1000);
  try {
    await page.goto(pageURL, { waitUntil: 'load' });
    await page.evaluate((o) => window.startPlayer(o), { url: opts.url, rate: opts.rate });
    const reason = await stopped;
    let final = null;
    try {
      final = await page.evaluate(() => window.finalState());
    } catch (err) {
      nodeEvent('harness', { reason: `read final state: ${err.message}` });
    }
    accepting = false;
    return { events, reason, final, wallSeconds: (Date.now() - startedAt) / 1000 };
  } finally {
    clearTimeout(limit);
  }
}
