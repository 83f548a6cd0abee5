import 'element-plus/dist/index.css';
import { createApp } from 'vue';
import DevPage from './DevPage.vue';

createApp(DevPage).mount('#app');
