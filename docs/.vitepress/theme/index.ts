// The default theme without its web-font import: the site must render offline, in system fonts.
import DefaultTheme from 'vitepress/theme-without-fonts';
import './fonts.css';

export default DefaultTheme;
