import type { PropsWithChildren } from 'react';
import './app.css';

// Pages decide where to go themselves (see pages/entry); the app shell only renders them.
function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
