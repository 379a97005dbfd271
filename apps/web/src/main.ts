import { mount } from 'svelte';
import './app.css';
import { prescreenTrial } from './lib/prescreen/route';

const target = document.getElementById('app');
if (!target) throw new Error('index.html lacks #app');
// The public pre-screen of a trial has a path of its own and no sign-in. Each page is loaded on its
// own, so a person pre-screening on a phone does not download the editor and screening forms.
const trialId = prescreenTrial(location.pathname);
if (trialId) {
  const { default: PrescreenPage } = await import('./pages/PrescreenPage.svelte');
  mount(PrescreenPage, { target, props: { trialId } });
} else {
  const { default: App } = await import('./App.svelte');
  mount(App, { target });
}
