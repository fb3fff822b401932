// The tasks capability's public surface (filled in as the capability lands).
export {};
