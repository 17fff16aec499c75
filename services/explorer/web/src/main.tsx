import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { DeadLettersTab } from './dead-letters';
import { SagasTab } from './sagas';

const TOKEN_KEY = 'saga-explorer-token';

function App() {
  const [token, setToken] = useState(() => localStorage.getItem(TOKEN_KEY) ?? '');
  const [tab, setTab] = useState<'sagas' | 'dead-letters'>('sagas');
  const [jaegerUiUrl, setJaegerUiUrl] = useState('');
  useEffect(() => {
    fetch('/explorer/config')
      .then((response) => response.json())
      .then((config: { jaegerUiUrl: string }) => setJaegerUiUrl(config.jaegerUiUrl))
      .catch(() => undefined);
  }, []);
  const saveToken = (value: string) => {
    localStorage.setItem(TOKEN_KEY, value.trim());
    setToken(value.trim());
  };
  return (
    <>
      <header>
        <h1>Saga explorer</h1>
        <nav>
          <button class={tab === 'sagas' ? 'active' : ''} data-testid="tab-sagas" onClick={() => setTab('sagas')}>
            Sagas
          </button>
          <button
            class={tab === 'dead-letters' ? 'active' : ''}
            data-testid="tab-dead-letters"
            onClick={() => setTab('dead-letters')}
          >
            Dead letters
          </button>
        </nav>
        <input
          type="password"
          placeholder="JWT (pnpm token --sub … --role admin)"
          data-testid="token"
          value={token}
          onChange={(e) => saveToken((e.target as HTMLInputElement).value)}
        />
      </header>
      <main>
        {!token ? (
          <p>Paste a token to start.</p>
        ) : tab === 'sagas' ? (
          <SagasTab token={token} jaegerUiUrl={jaegerUiUrl} />
        ) : (
          <DeadLettersTab token={token} />
        )}
      </main>
    </>
  );
}

render(<App />, document.getElementById('app')!);
