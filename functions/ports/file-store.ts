/**
 * Where proof-of-delivery files live: S3 on AWS, a directory locally. Bookings keep only the keys.
 * Keys are paths like "proof/CB123456/attempt-1/<update id>-photo.jpg".
 */
export interface FileStore {
  /** Stores (or replaces) a file. */
  put(key: string, body: Uint8Array, contentType: string): Promise<void>;
  /** Removes a file; removing one that does not exist is not an error. */
  delete(key: string): Promise<void>;
  /** A URL that lets whoever holds it read the file until it expires (for the admin and courier apps). */
  readUrl(key: string, expiresInSeconds: number): Promise<string>;
}
