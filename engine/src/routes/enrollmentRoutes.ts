import type { EnrollmentService } from '../enrollments/EnrollmentService.js';
import type { AnyRouteDefinition } from '../http/defineRoute.js';

export function enrollmentRoutes(enrollments: EnrollmentService): AnyRouteDefinition[] {
  void enrollments;
  return [];
}
