declare module 'wawoff2' {
  /** WOFF2 → the TrueType/OpenType font it packs. */
  export function decompress(data: Uint8Array): Promise<Uint8Array>;
  export function compress(data: Uint8Array): Promise<Uint8Array>;
}
