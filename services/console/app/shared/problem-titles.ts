/**
 * The problem types' titles in Chinese, by the API's stable `code` (packages/http errors.ts): the title says what
 * kind of refusal it is in the user's language; the `detail` below it is the API's own words about this one.
 */
export const PROBLEM_TITLES: Record<string, string> = {
  validation_failed: "填写的内容有误",
  bad_request: "请求有误",
  unauthorized: "请先登录",
  forbidden: "无权进行此操作",
  not_found: "未找到",
  method_not_allowed: "不支持此操作",
  conflict: "与现有数据冲突",
  invalid_transition: "当前状态下不能进行此操作",
  idempotency_in_flight: "上一次提交仍在处理中，请稍候",
  gone: "已不存在",
  precondition_failed: "数据已被他人更新，请刷新后重试",
  payload_too_large: "文件或内容过大",
  unsupported_media_type: "不支持的文件类型",
  idempotency_key_reused: "重复提交的内容与前一次不同",
  unprocessable: "无法办理此请求",
  precondition_required: "缺少版本信息，请刷新后重试",
  rate_limited: "操作过于频繁，请稍后再试",
  internal: "系统内部错误",
  bad_gateway: "后台服务暂时不可用",
  unavailable: "服务暂时不可用",
};
