// Generated from /openapi.json by `npm run api-types`: do not edit (a test compares it with the API).
export interface paths {
    "/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Tasks: a department's inbox, a person's work, an instance's tasks
         * @description Staff see the tasks of their department; open tasks first, soonest due first.
         *
         *     Roles: owner, manager, staff, admin.
         */
        get: operations["listTasks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tasks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A task
         * @description Roles: owner, manager, staff, admin.
         */
        get: operations["getTask"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tasks/{id}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Complete a task with its output (checked against its form) and what it cost
         * @description A task someone holds is completed by its holder, the lead of its department or an admin.
         *
         *     Roles: owner, manager, staff, admin.
         */
        post: operations["completeTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tasks/{id}/claim": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Take an open task of your department
         * @description Roles: owner, manager, staff, admin.
         */
        post: operations["claimTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tasks/{id}/unclaim": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Give a held task back to its department
         * @description Roles: owner, manager, staff, admin.
         */
        post: operations["unclaimTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tasks/{id}/assign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Give a task to a person of its department (lead, manager, admin)
         * @description Roles: owner, manager, staff, admin.
         */
        post: operations["assignTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tasks/{id}/reassign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a task to another department; its escalations follow it
         * @description Roles: owner, manager, staff, admin.
         */
        post: operations["reassignTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Task: {
            id: string;
            instanceId: string;
            stepId: string;
            /** @enum {string} */
            kind: "task" | "approval";
            title: string;
            description: string | null;
            department: string;
            /** @enum {string} */
            status: "open" | "done" | "cancelled";
            /** Format: date-time */
            dueAt: string;
            overdue: boolean;
            estimatedCost: number;
            actualCost: number | null;
            output: {
                [key: string]: unknown;
            } | null;
            form: {
                [key: string]: unknown;
            } | null;
            /** Format: date-time */
            openedAt: string;
            completedAt: string | null;
            completedBy: string | null;
            completedByName: string | null;
            assignee: {
                id: string;
                name: string | null;
            } | null;
            round: number;
            note: string | null;
            earlierRoundsCost: number;
            parentInstanceId: string | null;
        };
        TaskPage: {
            items: components["schemas"]["Task"][];
            nextCursor: string | null;
        };
        /** @description RFC 9457 problem details; further members carry the details of some codes. */
        Problem: {
            type: string;
            title: string;
            status: number;
            /** @description Baton's stable error code (`not-found`, `validation-failed`...) */
            code: string;
            /** @description what went wrong and how to fix it */
            detail: string;
            errors?: {
                [key: string]: unknown;
            }[];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listTasks: {
        parameters: {
            query?: {
                /** @description a department's id */
                department?: string;
                status?: "open" | "done" | "cancelled";
                overdue?: boolean;
                /** @description an instance's id */
                instance?: string;
                /** @description `me`, `none` (nobody holds it) or a user id */
                assignee?: string;
                /** @description items per page (default 50) */
                limit?: number;
                /** @description the `nextCursor` of the previous page, as it was given */
                cursor?: string;
                /** @description words of the title */
                q?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskPage"];
                };
            };
            /** @description a problem (RFC 9457): 400, 401, 403, 404, 409, 413, 415, 422, 429 or 503 with `Retry-After` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getTask: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            /** @description a problem (RFC 9457): 400, 401, 403, 404, 409, 413, 415, 422, 429 or 503 with `Retry-After` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    completeTask: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    output?: {
                        [key: string]: unknown;
                    } | null;
                    actualCost?: number | null;
                };
            };
        };
        responses: {
            /** @description done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            /** @description a problem (RFC 9457): 400, 401, 403, 404, 409, 413, 415, 422, 429 or 503 with `Retry-After` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    claimTask: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            /** @description a problem (RFC 9457): 400, 401, 403, 404, 409, 413, 415, 422, 429 or 503 with `Retry-After` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    unclaimTask: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            /** @description a problem (RFC 9457): 400, 401, 403, 404, 409, 413, 415, 422, 429 or 503 with `Retry-After` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    assignTask: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    userId: string;
                };
            };
        };
        responses: {
            /** @description done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            /** @description a problem (RFC 9457): 400, 401, 403, 404, 409, 413, 415, 422, 429 or 503 with `Retry-After` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    reassignTask: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    department: string;
                };
            };
        };
        responses: {
            /** @description done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            /** @description a problem (RFC 9457): 400, 401, 403, 404, 409, 413, 415, 422, 429 or 503 with `Retry-After` */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
