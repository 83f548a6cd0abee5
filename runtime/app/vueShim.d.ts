/**
 * For `tsc -p tsconfig.json` over the app's component tests (`*.test.ts` importing a single-file
 * component): there a `.vue` file is a component. vue-tsc (runtime/app/tsconfig.json) reads the
 * `.vue` files themselves and their own types win. (designer/app/vueShim.d.ts is the designer's.)
 */
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent;
  export default component;
}
