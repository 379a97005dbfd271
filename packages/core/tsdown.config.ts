import { libraryBuild } from '@eligo/tsconfig/tsdown.library';
import { defineConfig } from 'tsdown';

export default defineConfig(libraryBuild);
