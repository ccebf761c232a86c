import { buildUrl, fallbackMessage, getApiLanguage, type RequestOptions } from './client';
import { ApiError, problemFromResponse } from './problem';

/** Upload progress in percent (0..100), as far as the browser reports it. */
export type UploadProgress = (percent: number) => void;

/**
 * Sends a file as `multipart/form-data` (part `file`) and answers the JSON the server returns.
 * XMLHttpRequest, not fetch: only it reports the progress of the request body, and a 100 MB file takes
 * a while. The `X-Qiaoban-Upload` header is the server's CSRF guard for multipart bodies (a cross-site
 * form cannot set it). Problems reject as {@link ApiError}; a cancelled upload as an AbortError.
 */
export function uploadMultipart<T>(
  path: string,
  file: File,
  options: { query?: RequestOptions['query']; onProgress?: UploadProgress; signal?: AbortSignal } = {},
): Promise<T> {
  const { query, onProgress, signal } = options;
  return new Promise<T>((resolve, reject) => {
    const aborted = () => new DOMException('The upload was cancelled', 'AbortError');
    if (signal?.aborted) {
      reject(aborted());
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open('POST', buildUrl(path, query));
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    xhr.setRequestHeader('Accept-Language', getApiLanguage());
    xhr.setRequestHeader('X-Qiaoban-Upload', '1');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress?.(Math.min(100, Math.floor((e.loaded / e.total) * 100)));
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve((xhr.responseText ? JSON.parse(xhr.responseText) : undefined) as T);
        } catch {
          reject(new ApiError({ status: xhr.status }, fallbackMessage(xhr.status)));
        }
        return;
      }
      reject(problemFromResponse(xhr.status, xhr.getResponseHeader('content-type'), xhr.responseText, fallbackMessage(xhr.status)));
    };
    xhr.onerror = () => reject(new ApiError({ status: 0 }, fallbackMessage(0)));
    xhr.onabort = () => reject(aborted());
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const body = new FormData();
    body.append('file', file, file.name);
    xhr.send(body);
  });
}
