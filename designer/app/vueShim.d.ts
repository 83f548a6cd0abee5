/**
 * For `tsc -p tsconfig.json` over the designer's component tests (`*.test.ts` importing a
 * single-file component): there a `.vue` file is a component. vue-tsc (designer/app/tsconfig.json)
 * reads the `.vue` files themselves and their own types win.
 */
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent;
  export default component;
}
