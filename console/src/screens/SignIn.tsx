import { useEffect, useState, type FormEvent } from 'react';
import { developmentIdentities, developmentToken, type DevelopmentIdentity } from '../api';
import { signInWithProvider, type ConsoleConfig } from '../oidc';

export function SignIn({ onToken, error, oidc }: { onToken: (token: string) => Promise<void>; error?: string; oidc: ConsoleConfig['oidc'] }) {
  const [token, setToken] = useState('');
  const [identities, setIdentities] = useState<DevelopmentIdentity[]>([]);
  const [failure, setFailure] = useState<string>();
  useEffect(() => {
    // Never rejects: without the development sign-in the list is empty.
    void developmentIdentities().then(setIdentities);
  }, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    // onToken shows its own failure (App's signIn catches).
    void onToken(token.trim().replace(/^Bearer\s+/i, ''));
  };
  const asIdentity = async (id: string) => {
    try {
      await onToken(await developmentToken(id));
    } catch (e) {
      setFailure((e as Error).message);
    }
  };

  const viaProvider = async () => {
    try {
      await signInWithProvider(oidc!);
    } catch (e) {
      setFailure((e as Error).message);
    }
  };

  const alert = (error || failure) && (
    <p role="alert" className="error">
      {error ?? failure}
    </p>
  );
  // With an identity provider, staff sign in there: no token pasting.
  if (oidc) {
    return (
      <main id="main" className="sign-in">
        <h1 tabIndex={-1}>欠薪线索协同平台 · 登录</h1>
        {alert}
        <p className="help">使用本单位统一身份认证账号登录。</p>
        <button type="button" onClick={() => void viaProvider()}>
          通过统一身份认证登录
        </button>
      </main>
    );
  }

  return (
    <main id="main" className="sign-in">
      <h1 tabIndex={-1}>欠薪线索协同平台 · 登录</h1>
      {alert}
      <form onSubmit={submit}>
        <label htmlFor="token">访问令牌（JWT）</label>
        <textarea id="token" rows={4} value={token} onChange={(e) => setToken(e.target.value)} required aria-describedby="token-help" />
        <p id="token-help" className="help">
          粘贴单位发放的令牌；本地开发可用 <code>npm run token</code> 生成。
        </p>
        <button type="submit">登录</button>
      </form>
      {identities.length > 0 && (
        <section aria-labelledby="dev-heading">
          <h2 id="dev-heading">开发环境身份</h2>
          <p className="help">仅在使用开发密钥、非生产环境时提供。</p>
          <ul className="identities">
            {identities.map((i) => (
              <li key={i.id}>
                <button type="button" onClick={() => void asIdentity(i.id)}>
                  以“{i.label}”登录
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}
