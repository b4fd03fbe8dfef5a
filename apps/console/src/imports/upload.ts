// Uploads a file with progress (fetch cannot report upload progress; XMLHttpRequest can), through
// the gateway, which streams it to registration without holding it whole.
import { ApiError, apiErrorOf } from '../api/errors';
import { reportIfSessionExpired, withCsrf } from '../api/http';

export function uploadWithProgress<T>(url: string, file: Blob, headers: Record<string, string>, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    const all = withCsrf('POST', new Headers(headers));
    all.forEach((value, name) => xhr.setRequestHeader(name, value));
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', ''));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        body = xhr.responseText;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(body as T);
      } else {
        reportIfSessionExpired(url, xhr.status);
        reject(apiErrorOf(xhr.status, body));
      }
    };
    xhr.send(file);
  });
}

export function formatOf(fileName: string): 'csv' | 'xlsx' | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.xlsx')) return 'xlsx';
  return null;
}
