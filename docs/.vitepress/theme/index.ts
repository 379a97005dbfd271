// The default theme without its web-font import: the site must render offline, in system fonts.
import type { Theme } from 'vitepress';
import DefaultTheme from 'vitepress/theme-without-fonts';
import { defineAsyncComponent } from 'vue';
import './fonts.css';
import './playground-link.css';

export default {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    // Loaded on the playground page only: the other pages need neither the compiler nor CodeMirror.
    app.component(
      'EligoPlayground',
      defineAsyncComponent(() => import('./Playground.vue')),
    );
  },
} satisfies Theme;
