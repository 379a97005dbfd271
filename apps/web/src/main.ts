import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { prescreenTrial } from './lib/prescreen/route';
import PrescreenPage from './pages/PrescreenPage.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('index.html lacks #app');
// The public pre-screen of a trial has a path of its own and no sign-in.
const trialId = prescreenTrial(location.pathname);
export default trialId ? mount(PrescreenPage, { target, props: { trialId } }) : mount(App, { target });
