/** True in the development build only (build.mjs `--mode development`): the demo users' sign-in picker. */
declare const __DEV_SIGN_IN__: boolean;
