export { default } from "@civicgrid/eslint-config";
