/** zh-CN names of the roles a token carries, as the screens show who someone is. */
export const ROLE_NAMES: Record<string, string> = {
  platform_admin: "平台管理员",
  agency: "网格化服务管理机构",
  department: "职能部门",
  grid_worker: "网格员",
  hr: "人事",
  resident: "居民",
};
