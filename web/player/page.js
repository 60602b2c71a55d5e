// Runs inside Chromium. startPlayer attaches hls.js to the page's <video>,
// plays the stream and reports everything the player does, in order, through
// window.__record (a function play.mjs exposes to the page). The recorder
// never recovers from errors: what hls.js and the video element report is
// exactly what the harness hands to the tests.
'use strict';

(function () {
  let seq = 0;
  const t0 = performance.now();

  function record(type, data) {
    const event = Object.assign({ seq: seq++, t: Math.round(performance.now() - t0), type }, data);
    window.__record(event);
  }

  function fragInfo(frag) {
    return {
      sn: frag.sn,
      cc: frag.cc,
      level: frag.level,
      start: frag.start,
      duration: frag.duration,
      url: frag.url,
      programDateTime: frag.programDateTime || 0,
    };
  }

  function levelInfo(level) {
    return {
      bitrate: level.bitrate,
      width: level.width,
      height: level.height,
      resolution: level.width && level.height ? `${level.width}x${level.height}` : '',
      codecs: [level.videoCodec, level.audioCodec].filter(Boolean).join(','),
      videoCodec: level.videoCodec || '',
      audioCodec: level.audioCodec || '',
      url: level.uri,
    };
  }

  function buffered(video) {
    const ranges = [];
    for (let i = 0; i < video.buffered.length; i++) {
      ranges.push([video.buffered.start(i), video.buffered.end(i)]);
    }
    return ranges;
  }

  function videoError(video) {
    if (!video.error) return null;
    return { code: video.error.code, message: video.error.message || '' };
  }

  function errorInfo(data) {
    const url = data.url || (data.frag && data.frag.url) || (data.context && data.context.url) || '';
    const code = (data.response && data.response.code) || 0;
    const reason = data.reason || (data.error && data.error.message) || '';
    return { errorType: data.type, details: data.details, fatal: !!data.fatal, url, code, reason };
  }

  window.startPlayer = function startPlayer({ url, rate }) {
    const video = document.getElementById('video');
    if (!window.Hls || !Hls.isSupported()) {
      record('harness', { fatal: true, reason: 'hls.js is not supported in this browser (no MediaSource)' });
      return;
    }
    const hls = new Hls({ debug: false });
    window.__hls = hls;
    const E = Hls.Events;

    hls.on(E.MANIFEST_PARSED, (_, data) => {
      record('MANIFEST_PARSED', { levels: data.levels.map(levelInfo) });
      video.playbackRate = rate;
      video.play().catch((err) => record('playRejected', { reason: String(err) }));
    });
    hls.on(E.LEVEL_LOADED, (_, data) => {
      const d = data.details;
      record('LEVEL_LOADED', {
        level: data.level,
        startSN: d.startSN,
        endSN: d.endSN,
        startCC: d.startCC,
        endCC: d.endCC,
        live: d.live,
        targetduration: d.targetduration,
        totalduration: d.totalduration,
        fragments: d.fragments.map(fragInfo),
      });
    });
    hls.on(E.LEVEL_SWITCHED, (_, data) => record('LEVEL_SWITCHED', { level: data.level }));
    hls.on(E.FRAG_LOADED, (_, data) => {
      const s = data.frag.stats;
      record('FRAG_LOADED', Object.assign(fragInfo(data.frag), {
        bytes: s.loaded,
        loadMs: Math.round(s.loading.end - s.loading.start),
      }));
    });
    hls.on(E.FRAG_CHANGED, (_, data) => record('FRAG_CHANGED', fragInfo(data.frag)));
    hls.on(E.ERROR, (_, data) => record('ERROR', errorInfo(data)));

    for (const name of ['playing', 'waiting', 'stalled', 'seeking', 'seeked', 'pause', 'ended']) {
      video.addEventListener(name, () => record(name, { currentTime: video.currentTime }));
    }
    video.addEventListener('error', () => record('videoError', { error: videoError(video) }));

    setInterval(() => record('time', {
      currentTime: video.currentTime,
      readyState: video.readyState,
      paused: video.paused,
      playbackRate: video.playbackRate,
      buffered: buffered(video),
    }), 1000);

    hls.attachMedia(video);
    hls.loadSource(url);
  };

  // finalState is read by play.mjs when the run stops.
  window.finalState = function finalState() {
    const video = document.getElementById('video');
    return { currentTime: video.currentTime, ended: video.ended, error: videoError(video), buffered: buffered(video) };
  };
})();
