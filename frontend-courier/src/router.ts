// Routes. The courier's pages need a signed-in courier; the customer's link pages are public and
// code-split, so customers load neither the courier screens nor Amplify Auth's sign-in flow:
// /delivery-options/<token> (the URL the failed-delivery messages carry — failedDeliveryLink in
// functions/domain/failed-delivery.ts) and /track/<token> (every booking and status message).
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { session } from './stores/session';
import SignInView from './views/SignInView.vue';
import TodayView from './views/TodayView.vue';

const routes: RouteRecordRaw[] = [
  { path: '/sign-in', name: 'sign-in', component: SignInView, meta: { title: 'Sign in', public: true, bare: true } },
  { path: '/', name: 'today', component: TodayView, meta: { title: 'Today' } },
  { path: '/deliveries/:reference', name: 'delivery', component: () => import('./views/DeliveryView.vue'), props: true, meta: { title: 'Delivery' } },
  { path: '/queue', name: 'queue', component: () => import('./views/QueueView.vue'), meta: { title: 'Updates' } },
  { path: '/reports', name: 'reports', component: () => import('./views/ReportsView.vue'), meta: { title: 'My figures' } },
  {
    path: '/delivery-options/:token',
    name: 'delivery-options',
    component: () => import('./views/DeliveryOptionsView.vue'),
    props: true,
    meta: { title: 'Your delivery', public: true, bare: true, customer: true },
  },
  // The live tracking page every booking and status message links to (trackingLink in
  // functions/domain/notification-templates.ts): public and code-split like the options page.
  {
    path: '/track/:token',
    name: 'track',
    component: () => import('./views/TrackingView.vue'),
    props: true,
    meta: { title: 'Track your parcel', public: true, bare: true, customer: true },
  },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./views/NotFoundView.vue'), meta: { title: 'Not found', public: true } },
];

export function createAppRouter() {
  const router = createRouter({
    history: createWebHistory(import.meta.env.BASE_URL),
    routes,
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  });
  router.beforeEach((to) => {
    if (to.meta.public) {
      if (to.name === 'sign-in' && session.user) return typeof to.query.redirect === 'string' && to.query.redirect.startsWith('/') ? to.query.redirect : { name: 'today' };
      return true;
    }
    if (!session.user) return { name: 'sign-in', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} };
    return true;
  });
  router.afterEach((to) => {
    document.title = `${String(to.meta.title ?? 'Courier')} · ${to.meta.customer ? 'Courier delivery' : 'Courier'}`;
  });
  return router;
}
