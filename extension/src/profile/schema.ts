// The profile schema lives in shared/ so that `vanthu profile check` validates with the same rules.
export * from '@vanthu/shared/profile/schema';
