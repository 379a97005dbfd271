/** For the web app's typed client: `hc<AppType>('/')`. Import as a type only. */
export type { AppType } from './app';
