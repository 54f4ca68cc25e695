import { useEffect } from 'react';
import { Routes } from '../routes';
import { restartAt } from '../services/navigation';
import { selectIsLoggedIn, useAppStore } from '../stores';

/** Sends a logged-out user to the login page; returns whether the page may render. */
export function useRequireLogin(): boolean {
  const loggedIn = useAppStore(selectIsLoggedIn);
  useEffect(() => {
    if (!loggedIn) void restartAt(Routes.login);
  }, [loggedIn]);
  return loggedIn;
}
