// Talking to the API directly, beside the browser: starting sessions,
// firing their beacons and reading what the console should show.

export async function apiJSON(base, method, path, key, body) {
  const headers = { Accept: 'application/json' };
  if (key) headers.Authorization = `Bearer ${key}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const resp = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await resp.text();
  if (!resp.ok) throw new Error(`${method} ${path}: HTTP ${resp.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

export async function apiText(base, path, key) {
  const resp = await fetch(base + path, { headers: { Authorization: `Bearer ${key}` } });
  const text = await resp.text();
  if (!resp.ok) throw new Error(`GET ${path}: HTTP ${resp.status}: ${text}`);
  return text;
}

// waitUntil polls fn until it returns a truthy value or ms pass.
export async function waitUntil(what, ms, fn) {
  const deadline = Date.now() + ms;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}${last ? `: ${last.message}` : ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// watchCampaign starts sessions as a viewer at ip until one's first break
// picks campaignID (the snapshot follows the store within about a second),
// and returns that session's id.
export async function sessionPicking(env, campaignID) {
  return waitUntil(`a session whose pod has campaign ${campaignID}`, 15000, async () => {
    const s = await apiJSON(env.base, 'POST', '/v1/sessions', env.keys.service, {
      stream: env.stream,
      viewer_id: `console-${Date.now()}`,
      ip: env.viewerIP,
      interests: ['running'],
      device: 'desktop',
    });
    const d = await apiJSON(env.base, 'GET', `/v1/sessions/${s.session_id}/decisions`);
    return d.avails.some((a) => a.picks.some((p) => p.campaign_id === campaignID)) ? s.session_id : null;
  });
}

// fireBeacons plays the session's ads "to the end" through the tracking
// API: every quartile beacon of every ad, as a client-side player would.
export async function fireBeacons(env, sessionID) {
  const t = await apiJSON(env.base, 'GET', `/v1/tracking/${sessionID}`);
  let n = 0;
  for (const avail of t.avails) {
    for (const ad of avail.ads) {
      for (const ev of ad.tracking_events) {
        for (const url of ev.beacon_urls) {
          const resp = await fetch(url);
          if (resp.status !== 204) throw new Error(`beacon ${url}: HTTP ${resp.status}`);
          n++;
        }
      }
    }
  }
  return n;
}
