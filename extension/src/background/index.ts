// Background service worker of the vanthu extension.
export {};
