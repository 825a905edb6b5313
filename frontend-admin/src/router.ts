// Routes. Every page but sign-in needs a signed-in admin; the map, chart and form pages are
// code-split so the sign-in page loads quickly.
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { session } from './stores/session';
import SignInView from './views/SignInView.vue';

const routes: RouteRecordRaw[] = [
  { path: '/sign-in', name: 'sign-in', component: SignInView, meta: { title: 'Sign in', public: true } },
  { path: '/', redirect: { name: 'board' } },
  { path: '/board', name: 'board', component: () => import('./views/BoardView.vue'), meta: { title: 'Live board' } },
  { path: '/map', name: 'map', component: () => import('./views/MapView.vue'), meta: { title: 'Map' } },
  { path: '/bookings/new', name: 'new-booking', component: () => import('./views/NewBookingView.vue'), meta: { title: 'New booking' } },
  { path: '/bookings/:reference', name: 'booking', component: () => import('./views/BookingView.vue'), props: true, meta: { title: 'Booking' } },
  { path: '/capacity', name: 'capacity', component: () => import('./views/CapacityView.vue'), meta: { title: 'Capacity' } },
  { path: '/outbox', name: 'outbox', component: () => import('./views/OutboxView.vue'), meta: { title: 'Outbox' } },
  { path: '/feedback', name: 'feedback', component: () => import('./views/FeedbackView.vue'), meta: { title: 'Feedback & complaints' } },
  { path: '/couriers', name: 'couriers', component: () => import('./views/CouriersView.vue'), meta: { title: 'Couriers' } },
  { path: '/couriers/:courierId/report', name: 'courier-report', component: () => import('./views/CourierReportView.vue'), props: true, meta: { title: 'Courier report' } },
  { path: '/calls', name: 'calls', component: () => import('./views/CallsView.vue'), meta: { title: 'Call simulator' } },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./views/NotFoundView.vue'), meta: { title: 'Not found', public: true } },
];

export function createAppRouter() {
  const router = createRouter({ history: createWebHistory(import.meta.env.BASE_URL), routes });
  router.beforeEach((to) => {
    if (to.meta.public) {
      if (to.name === 'sign-in' && session.user) return typeof to.query.redirect === 'string' && to.query.redirect.startsWith('/') ? to.query.redirect : { name: 'board' };
      return true;
    }
    if (!session.user) return { name: 'sign-in', query: to.fullPath !== '/' && to.fullPath !== '/board' ? { redirect: to.fullPath } : {} };
    return true;
  });
  router.afterEach((to) => {
    document.title = `${String(to.meta.title ?? 'Admin')} · Courier Dispatch`;
  });
  return router;
}
