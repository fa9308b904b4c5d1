import { serviceTestConfig } from "@civicgrid/testing/config";

export default serviceTestConfig(import.meta.dirname);
