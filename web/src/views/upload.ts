// Uploading a base spot: POST /v1/spots as multipart/form-data through
// XMLHttpRequest, whose upload events give a real progress bar (fetch
// has none).
import { ApiError, parseError } from '../api';
import type { Spot } from '../types';

export function uploadSpot(
  file: File,
  key: string,
  advertiserId: string | undefined,
  onProgress: (sent: number, total: number) => void,
  signal: AbortSignal,
): Promise<Spot> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/v1/spots');
    xhr.setRequestHeader('Authorization', `Bearer ${key}`);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.addEventListener('progress', (ev) => onProgress(ev.loaded, ev.lengthComputable ? ev.total : file.size));
    xhr.addEventListener('load', () => {
      if (xhr.status === 201 || xhr.status === 200) {
        try {
          resolve(JSON.parse(xhr.responseText) as Spot);
        } catch {
          reject(new ApiError(xhr.status, 'bad_answer', 'The server accepted the file but its answer is not JSON.'));
        }
        return;
      }
      reject(parseError(xhr.status, xhr.responseText));
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, 'network', 'The upload was cut off: the server did not answer.')));
    xhr.addEventListener('abort', () => reject(new DOMException('upload cancelled', 'AbortError')));
    signal.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    // The advertiser goes first: the server reads it before the file.
    if (advertiserId) form.append('advertiser_id', advertiserId);
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
