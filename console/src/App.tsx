import { useCallback, useEffect, useRef, useState } from 'react';
import { HubError, MeDocument, UnreadNotificationCountDocument } from '../../client';
import { hub, problem, session, type Me } from './api';
import { useRoute } from './hooks';
import { mayRegisterLeads } from './actions';
import { AGENCY, ROLE } from './labels';
import { SignIn } from './screens/SignIn';
import { completeSignIn, keepRenewed, loadConfig, renewIfDue, signOutAtProvider, type ConsoleConfig } from './oidc';
import { Inbox } from './screens/Inbox';
import { WorkQueue } from './screens/WorkQueue';
import { LeadList } from './screens/LeadList';
import { LeadPage } from './screens/LeadPage';
import { Intake } from './screens/Intake';
import { SupportCases } from './screens/SupportCases';
import { Reports } from './screens/Reports';
import { Import } from './screens/Import';
import { SupervisionAlerts } from './screens/SupervisionAlerts';
import { DeadLetters } from './screens/DeadLetters';
import { SupervisionWatchList } from './screens/SupervisionWatchList';
import { PersonalDataAccess } from './screens/PersonalDataAccess';
import { ClosureReport, TransferLetter } from './screens/Print';
import { Notifications } from './screens/Notifications';
import { Webhooks } from './screens/Webhooks';
import { ComplainantNotices } from './screens/ComplainantNotices';
import { mayDo } from '../../lib/vocabulary';
import { UNREAD_COUNT_MAX } from '../../lib/vocabulary/notifications';

// The API counts up to UNREAD_COUNT_MAX.
const unreadShown = (n: number) => (n >= UNREAD_COUNT_MAX ? `${UNREAD_COUNT_MAX - 1}+` : String(n));

export function App() {
  const [me, setMe] = useState<Me | null>();
  const [error, setError] = useState<string>();
  const [config, setConfig] = useState<ConsoleConfig>({ oidc: null });

  const signIn = async (token?: string) => {
    if (token) session.set(token);
    if (!session.get()) return setMe(null);
    try {
      setMe((await hub.request(MeDocument)).me);
      setError(undefined);
    } catch (e) {
      session.clear();
      setMe(null);
      setError(e instanceof HubError && e.code === 'UNAUTHENTICATED' ? `令牌无效：${e.message}` : problem(e));
    }
  };
  useEffect(() => {
    void (async () => {
      const cfg = await loadConfig();
      setConfig(cfg);
      if (cfg.oidc) {
        try {
          await completeSignIn(cfg.oidc);
        } catch (e) {
          setError((e as Error).message);
        }
        await renewIfDue(cfg.oidc);
        keepRenewed(cfg.oidc, (message) => {
          session.clear();
          setMe(null);
          setError(message);
        });
      }
      // signIn catches and shows its own failure.
      await signIn();
    })();
  }, []);

  if (me === undefined) return <p className="loading">正在加载…</p>;
  if (me === null) return <SignIn onToken={signIn} error={error} oidc={config.oidc} />;
  return (
    <Shell
      me={me}
      onSignOut={() => {
        if (config.oidc) return void signOutAtProvider(config.oidc);
        session.clear();
        setMe(null);
        location.hash = '';
      }}
    />
  );
}

function Shell({ me, onSignOut }: { me: Me; onSignOut: () => void }) {
  const route = useRoute();
  const heading = useRef<HTMLDivElement>(null);
  const prosecutorOrCourt = me.agency === 'PROCURATORATE' || me.agency === 'COURT';
  const links: [string, string][] = [
    ['/todo', '待办'],
    ['/notifications', '通知'],
    ['/inbox', '待接收移送'],
    ['/leads', '线索列表'],
    ...(mayRegisterLeads(me.roles) ? ([['/intake', '登记线索']] as [string, string][]) : []),
    // Bulk import is intake too: the same act, the same roles as the service checks.
    ...(mayDo(me.roles, 'intake') ? ([['/import', '批量导入']] as [string, string][]) : []),
    ...(prosecutorOrCourt ? ([['/support', '支持起诉案件']] as [string, string][]) : []),
    // Mass-case alerts concern whoever handles cases (supervisors confirm them); the watch list, anyone who sees leads.
    ...(mayDo(me.roles, 'handle') ? ([['/mass-cases', '群体性欠薪预警']] as [string, string][]) : []),
    ['/watch-list', '重点监控用人单位'],
    ['/reports', '报表下载'],
    // Refused messages wait for a supervisor (the rule the service checks).
    ...(mayDo(me.roles, 'supervise') ? ([['/dead-letters', '投递失败的消息']] as [string, string][]) : []),
    ...(mayDo(me.roles, 'supervise') ? ([['/webhooks', '推送订阅']] as [string, string][]) : []),
    ...(mayDo(me.roles, 'supervise') ? ([['/personal-data', '个人信息查阅记录']] as [string, string][]) : []),
    ...(mayDo(me.roles, 'notify') ? ([['/complainant-notices', '投诉人告知']] as [string, string][]) : []),
  ];
  // The unread count, fetched again on every move to another screen and each minute.
  const [unread, setUnread] = useState<number>();
  const loadUnread = useCallback(() => {
    hub.request(UnreadNotificationCountDocument).then((r) => setUnread(r.unreadNotificationCount), () => undefined);
  }, []);
  useEffect(loadUnread, [route, loadUnread]);
  useEffect(() => {
    const timer = setInterval(loadUnread, 60_000);
    return () => clearInterval(timer);
  }, [loadUnread]);
  // After moving to another screen, keyboard and screen-reader users start at its heading.
  useEffect(() => {
    heading.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [route]);

  const lead = /^\/leads\/([^/]+)$/.exec(route);
  const letter = /^\/transfers\/([^/]+)\/letter$/.exec(route);
  const closure = /^\/leads\/([^/]+)\/closure\/([A-Z]+)$/.exec(route);
  const bulk = /^\/import(?:\/([^/]+))?$/.exec(route);
  const path = route === '/' ? '/todo' : route;
  let screen;
  if (lead) screen = <LeadPage id={decodeURIComponent(lead[1])} me={me} />;
  else if (letter) screen = <TransferLetter id={decodeURIComponent(letter[1])} />;
  else if (closure) screen = <ClosureReport id={decodeURIComponent(closure[1])} agency={closure[2]} />;
  else if (bulk && mayDo(me.roles, 'intake')) screen = <Import id={bulk[1] ? decodeURIComponent(bulk[1]) : undefined} />;
  else if (path === '/mass-cases' && mayDo(me.roles, 'handle')) screen = <SupervisionAlerts me={me} />;
  else if (path === '/watch-list') screen = <SupervisionWatchList />;
  else if (path === '/dead-letters' && mayDo(me.roles, 'supervise')) screen = <DeadLetters />;
  else if (path === '/webhooks' && mayDo(me.roles, 'supervise')) screen = <Webhooks />;
  else if (path === '/personal-data' && mayDo(me.roles, 'supervise')) screen = <PersonalDataAccess />;
  else if (path === '/leads') screen = <LeadList />;
  else if (path === '/intake') screen = <Intake me={me} />;
  else if (path === '/support') screen = <SupportCases />;
  else if (path === '/reports') screen = <Reports me={me} />;
  else if (path === '/inbox') screen = <Inbox />;
  else if (path === '/notifications') screen = <Notifications onRead={loadUnread} />;
  else if (path === '/complainant-notices' && mayDo(me.roles, 'notify')) screen = <ComplainantNotices />;
  else screen = <WorkQueue me={me} />;

  return (
    <>
      <a className="skip" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}>
        跳到主要内容
      </a>
      <header className="top">
        <p className="brand">欠薪线索协同平台</p>
        <p className="who">
          <span className="visually-hidden">当前用户：</span>
          {me.name} · {AGENCY[me.agency]} · {me.region} · {me.roles.map((r) => ROLE[r]).join('、')}
        </p>
        <button type="button" onClick={onSignOut}>
          退出登录
        </button>
      </header>
      <nav aria-label="主导航">
        <ul>
          {links.map(([to, label]) => (
            <li key={to}>
              <a href={`#${to}`} aria-label={to === '/notifications' && unread ? `通知，${unreadShown(unread)} 条未读` : undefined} aria-current={path === to || (to === '/leads' && (lead || closure)) || (to === '/import' && bulk) ? 'page' : undefined}>
                {label}
                {to === '/notifications' && !!unread && (
                  <span className="count" aria-hidden="true">
                    {unreadShown(unread)}
                  </span>
                )}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1} ref={heading}>
        {screen}
      </main>
    </>
  );
}
