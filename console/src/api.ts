import { createHubClient, HubError, type MeQuery } from '../../client';

export type Me = MeQuery['me'];

const KEY = 'hub-console-token';
/** The token lives for the browser tab only (sessionStorage): closing the tab signs out. */
export const session = {
  get: () => sessionStorage.getItem(KEY) ?? undefined,
  set: (token: string) => sessionStorage.setItem(KEY, token),
  clear: () => sessionStorage.removeItem(KEY),
};

/** Staff read Chinese: the API answers its refusals in zh-CN. */
export const LANGUAGE = 'zh-CN';
export const hub = createHubClient({ url: '/graphql', token: session.get, language: LANGUAGE });

export interface DevelopmentIdentity {
  id: string;
  label: string;
  name: string;
  agency: string;
  region: string;
  roles: string[];
}

/** Offered only while the gateway runs with the development secret; elsewhere the route is absent (404). */
export async function developmentIdentities(): Promise<DevelopmentIdentity[]> {
  try {
    const res = await fetch('/dev/identities', { headers: { accept: 'application/json' } });
    if (!res.ok) return [];
    return ((await res.json()) as { identities: DevelopmentIdentity[] }).identities;
  } catch {
    return [];
  }
}

export async function developmentToken(identity: string): Promise<string> {
  const res = await fetch('/dev/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identity }) });
  if (!res.ok) throw new Error(`无法获取开发身份令牌（HTTP ${res.status}）`);
  return ((await res.json()) as { token: string }).token;
}

/** A message for staff: the API's own message, with its code. */
export function problem(e: unknown): string {
  if (e instanceof HubError) {
    const what: Record<string, string> = {
      UNAUTHENTICATED: '未登录或令牌无效',
      FORBIDDEN: '无权执行此操作',
      NOT_FOUND: '未找到',
      BAD_USER_INPUT: '输入有误',
      INVALID_TRANSITION: '当前状态不允许此操作',
      CONFLICT: '操作冲突，请刷新后重试',
    };
    return `${what[e.code] ?? '操作失败'}：${e.message}`;
  }
  return `操作失败：${(e as Error).message}`;
}

/** A report file, fetched with the token (the download needs the Authorization header), saved by the browser. */
export async function downloadReport(file: string, params: Record<string, string>): Promise<string> {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== '')).toString();
  return downloadFile(`/reports/${file}?${query}`, file);
}

/** A file from the gateway (a report, an import template, refused rows), fetched with the token and saved under the name it is sent with. */
export async function downloadFile(path: string, fallbackName: string): Promise<string> {
  const res = await fetch(path, { headers: { authorization: `Bearer ${session.get() ?? ''}`, 'accept-language': LANGUAGE } });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
    throw new Error(body.error?.message ?? `HTTP ${res.status}`);
  }
  const disposition = res.headers.get('content-disposition') ?? '';
  const name = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const filename = name ? decodeURIComponent(name) : fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return filename;
}
