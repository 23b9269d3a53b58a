export { checkProfile, type ProfileCheck } from '@vanthu/shared/profile/check';
