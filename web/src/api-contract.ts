// Generated from /openapi.json by `npm run api-types`: do not edit (a test compares it with the API).
export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Whether Postgres and Temporal answer
         * @description 200 when both answer (each is given 2 s). Otherwise 503, with the same JSON and `Retry-After`.
         */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Whether the process answers (a liveness probe: restart it when it does not)
         * @description Asks no dependency, so an outage of Postgres or Temporal does not get every replica restarted.
         */
        get: operations["getLiveness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Whether this replica can serve (a readiness probe: send it no work when it cannot)
         * @description 200 when Postgres answers, every migration this release knows has run, Temporal answers and the process is not stopping. Otherwise 503, with the same JSON and `Retry-After`.
         */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/sign-in-link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mail a person a sign-in link for the web app
         * @description The same answer whether or not the address is a user's: it tells nobody who has an account. The link works once, for 15 minutes; none is sent without an SMTP server, nor to an address that asked too often.
         */
        post: operations["requestSignInLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The browser's session: who is signed in, and the CSRF token of their changes
         * @description What the web app reads when it starts. 404 for a request made with a bearer token, not a session.
         */
        get: operations["getSession"];
        put?: never;
        /**
         * Trade a sign-in link's token or an API token for a browser session (a cookie)
         * @description Sets the `baton_session` cookie (HttpOnly, SameSite=Strict, 12 hours) and answers the CSRF token every change made with it must carry as `X-CSRF-Token`. A link works once; a session opened with an API token ends when that token is revoked or expires. A wrong token counts against the caller's address: past 10 failures in 60 s it is answered 429, a right token too.
         */
        post: operations["openSession"];
        /** Sign out: the session ends and its cookie is cleared */
        delete: operations["closeSession"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Live task changes as Server-Sent Events, held open until the client goes
         * @description Each change of a task the caller may see (staff: their department's and their own; owners, managers and admins: all; requesters: none) is an event `task` whose data is a JSON object of the task's `id`, `instanceId`, `department`, `assigneeId` and `status`: read the task for the rest. An event `resync` says changes may have been missed (reload what is shown). A comment line every 25 s keeps proxies from closing the stream. 503 when live updates are off in this process or it serves too many pages already.
         */
        get: operations["streamTaskEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/me/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your API tokens, the newest first, revoked and expired ones included
         * @description The newest 200; never their secrets. 409 for the bootstrap admin, whose one token is configured.
         */
        get: operations["listOwnTokens"];
        put?: never;
        /**
         * Make yourself an API token (for a script, a laptop); its secret is shown once
         * @description At most 50 of your tokens work at once: 409 past that (revoke one first), and for the bootstrap admin.
         */
        post: operations["createOwnToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/me/tokens/{tokenId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke one of your tokens: it stops working at once, with the browser sessions it opened
         * @description Revoking a revoked token changes nothing; 404 for a token that is not yours.
         */
        delete: operations["revokeOwnToken"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{id}/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A user's API tokens, never their secrets
         * @description Roles: admin.
         */
        get: operations["listUserTokens"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{id}/tokens/{tokenId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke one of a user's tokens (a lost laptop)
         * @description Roles: admin.
         */
        delete: operations["revokeUserToken"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who you are: your role, department, address, zone and language */
        get: operations["getOwnUser"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change your name, address, time zone or language
         * @description Not your role nor your department: an admin changes those. 409 for the bootstrap admin.
         */
        patch: operations["updateOwnUser"];
        trace?: never;
    };
    "/users/me/preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How you receive each kind of notification: at once or in a daily digest */
        get: operations["getOwnPreferences"];
        /**
         * Choose how you receive some kinds of notification; the others stay as they were
         * @description Answers every kind with its mode. 409 for the bootstrap admin, who receives no notifications.
         */
        put: operations["setOwnPreferences"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Everyone, deactivated people included, the earliest added first
         * @description Roles: admin.
         */
        get: operations["listUsers"];
        put?: never;
        /**
         * Add a person, with a first API token shown once
         * @description Staff need a department; the address must be no other user's (422 naming the field).
         *
         *     Roles: admin.
         */
        post: operations["createUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A person
         * @description Roles: admin.
         */
        get: operations["getUser"];
        put?: never;
        post?: never;
        /**
         * Deactivate a person: their tokens stop working; their tasks, comments and history stay
         * @description Answers the user, now inactive. Their open tasks go back to their department and nobody leads a department through them any more. Deactivating a deactivated user changes nothing.
         *
         *     Roles: admin.
         */
        delete: operations["deactivateUser"];
        options?: never;
        head?: never;
        /**
         * Change a person's profile, role or department
         * @description A lead who leaves their department leaves its lead to nobody. 409 for a deactivated user: create a new one.
         *
         *     Roles: admin.
         */
        patch: operations["updateUser"];
        trace?: never;
    };
    "/users/{id}/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue a person a new token; every other token of theirs stops working at once
         * @description Their browser sessions end too (a replaced token may have leaked). 409 for a deactivated user.
         *
         *     Roles: admin.
         */
        post: operations["rotateUserToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/catalogue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What the caller may request: the catalogue, by category and title
         * @description Only the processes whose audience includes the caller (admins see all); one page, never a cursor.
         */
        get: operations["listCatalogue"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/catalogue/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One process of the catalogue, with the form a request fills
         * @description A key unknown, out of the catalogue or not offered to the caller is the same 404.
         */
        get: operations["getCatalogueItem"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/catalogue/{key}/requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Request a process of the catalogue: the caller becomes its requester
         * @description The fields the catalogue fills from the requester (their email, department...) are theirs, whatever was sent; one Baton does not know is a 422 saying how to set it. Answers 201 with `Location`; a request sent again with the same `Idempotency-Key` answers 200 with the request it made the first time. The bootstrap admin cannot request anything (409).
         */
        post: operations["requestFromCatalogue"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's own requests, newest first */
        get: operations["listRequests"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/requests/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A request: where it stands, what it waits on, when it should be done, its story
         * @description A requester reads their own requests only; others whoever may read the instance. Staff's comments on tasks are left out of a requester's timeline.
         */
        get: operations["getRequest"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/departments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The departments: their shared mailbox and who leads each
         * @description Roles: owner, manager, staff, admin.
         */
        get: operations["listDepartments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/departments/{id}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A department's active people, by name: whom its tasks may be given to
         * @description Staff read their own department's (403 for another), its lead reads it too; requesters who belong to it are not listed.
         *
         *     Roles: owner, manager, staff, admin.
         */
        get: operations["listDepartmentMembers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/departments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Add a department, or rename it, change its mailbox or its lead
         * @description Answers 201 when it adds the department, 200 when it changes one. The id is lowercase letters, digits and dashes, starting with a letter; the lead must be an active member of the department (422 otherwise).
         *
         *     Roles: admin.
         */
        put: operations["putDepartment"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/definitions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The deployed processes, each at its latest version
         * @description One page, never a cursor.
         *
         *     Roles: owner, manager, staff, admin.
         */
        get: operations["listDefinitions"];
        put?: never;
        /**
         * Deploy a process's YAML as its next version
         * @description Answers 201 with the new version; the same YAML as the latest version answers 200 with it, storing nothing. A YAML that does not compile is a 422 `definition-invalid` naming each error by its line and column; a file of the server's `definitions/calendars/` that does not read is a 422 `calendar-invalid`.
         *
         *     Roles: owner, admin.
         */
        post: operations["deployDefinition"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/definitions/validate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Compile a process's YAML as a deploy would, storing nothing
         * @description A YAML that does not compile is a 422 `definition-invalid` naming each error by its line and column; a file of the server's `definitions/calendars/` that does not read is a 422 `calendar-invalid`.
         *
         *     Roles: owner, admin.
         */
        post: operations["validateDefinition"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/definitions/plan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Plan a process not deployed yet for a start form (a dry run)
         * @description `source` is compiled as `POST /definitions/validate` compiles it (the same 422 `definition-invalid`), then planned as `planDefinition` plans a deployed version: the same answer, the same 422s. Nothing is deployed or started; the sub-processes it starts are planned from their deployed versions.
         *
         *     Roles: owner, admin.
         */
        post: operations["planDraft"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/definitions/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A process at its latest version: its YAML, its compiled plan and every version
         * @description Roles: owner, manager, staff, admin.
         */
        get: operations["getDefinition"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/definitions/{key}/instances": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start an instance of a process with its start form
         * @description Answers 201 with `Location` once the first tasks are open; 422 naming the fields of an input the start form refuses, or `/calendar` when it is not one of the version's calendars. A start sent again by the same caller with the same `Idempotency-Key` answers 200 with the instance it started, never a second one; the key with another request is a 409. 503 with `Retry-After` when no worker took the start in time: it may still complete, and retrying with the same key is safe.
         *
         *     Roles: owner, manager, admin.
         */
        post: operations["startInstance"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/definitions/{key}/plan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The action plan of a process for a start form, nothing started
         * @description The input is checked as a start checks it (422 naming its fields; `/calendar` or `/start` when the plan cannot count from them); sub-processes are planned from their latest deployed versions.
         *
         *     Roles: owner, manager, admin.
         */
        post: operations["planDefinition"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/instances": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The instances, newest first
         * @description Roles: owner, manager, admin.
         */
        get: operations["listInstances"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/instances/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An instance: where each step stands, its progress and its cost
         * @description Owners and managers read every instance; staff those their department has a task in (404 otherwise). 503 when no worker answers in time.
         *
         *     Roles: owner, manager, staff, admin.
         */
        get: operations["getInstance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/instances/{id}/plan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A running instance's action plan from where it stands
         * @description Ended steps keep their real dates; the rest is scheduled from now, in the calendar its start chose. 409 once the instance has ended (its own steps have their real dates). Owners and managers read every instance; staff those their department has a task in (404 otherwise).
         *
         *     Roles: owner, manager, staff, admin.
         */
        get: operations["getInstancePlan"];
        put?: never;
        /**
         * A running instance's plan as if its input changed, nothing changed
         * @description The preview of `changeInstanceInput`: the input is checked as it checks it (422 naming the field), and `dueChanges` lists the open tasks whose due dates would move. 409 once the instance has ended.
         *
         *     Roles: owner, manager, admin.
         */
        post: operations["previewInputChange"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/instances/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a running instance, its sub-processes too
         * @description 409 when it has already ended; 503 when no worker takes the cancel in time.
         *
         *     Roles: manager, admin.
         */
        post: operations["cancelInstance"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/instances/{id}/input": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a running instance's input and re-plan it
         * @description The fields given replace the current ones; the result must match the start form (422 naming the field). Open tasks' due dates anchored on the input, and waits until an input date, move; each department concerned is notified. 409 once the instance has ended.
         *
         *     Roles: owner, manager, admin.
         */
        patch: operations["changeInstanceInput"];
        trace?: never;
    };
    "/instances/{id}/steps/{stepId}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run a failed step of an instance again
         * @description A step the instance does not have is a 404; 409 when it has not failed or the instance has ended.
         *
         *     Roles: manager, admin.
         */
        post: operations["retryStep"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/instances/{id}/steps/{stepId}/skip": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Skip a failed step of an instance: the steps after it go on
         * @description A step the instance does not have is a 404; 409 when it has not failed or the instance has ended.
         *
         *     Roles: manager, admin.
         */
        post: operations["skipStep"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Tasks: a department's inbox, a person's work, an instance's tasks
         * @description Staff see the tasks of their department; soonest due first (add `status=open` for the work still to do).
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
    "/instances/{id}/comments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The comments on an instance, oldest first
         * @description Whoever may read the instance reads them; a requester's list leaves out the staff's comments on its tasks.
         */
        get: operations["listInstanceComments"];
        put?: never;
        /**
         * Comment on an instance; the other participants are told
         * @description Whoever holds each open task (its department when nobody does) and the requester are told. 409: the instance holds 1000 comments, the most it keeps.
         */
        post: operations["commentOnInstance"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/requests/{id}/comments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The comments on a request (its instance), oldest first
         * @description Whoever may read the instance reads them; a requester's list leaves out the staff's comments on its tasks.
         */
        get: operations["listRequestComments"];
        put?: never;
        /**
         * Comment on a request (its instance); the other participants are told
         * @description Whoever holds each open task (its department when nobody does) and the requester are told. 409: the instance holds 1000 comments, the most it keeps.
         */
        post: operations["commentOnRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tasks/{id}/comments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The comments on a task, oldest first
         * @description Read by whoever may read the task (`GET /tasks/{id}`).
         */
        get: operations["listTaskComments"];
        put?: never;
        /**
         * Comment on a task; the other participants are told
         * @description A comment on a task stays among the staff: the requester is not told, and requesters may not write one (403; they comment on their request). 409: the instance holds 1000 comments, the most it keeps.
         */
        post: operations["commentOnTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/instances/{id}/attachments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The files mails brought to an instance, oldest first
         * @description Whoever may read the instance reads them; one page, never a cursor.
         */
        get: operations["listInstanceAttachments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/instances/{id}/attachments/{attachmentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download a file a mail brought to an instance, as it came
         * @description Sent as a download (`Content-Disposition: attachment`) with the type the sender gave it, and sandboxed: never a page a browser would run.
         */
        get: operations["getInstanceAttachment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/requests/{id}/attachments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The files mails brought to a request (its instance), oldest first
         * @description Whoever may read the instance reads them; one page, never a cursor.
         */
        get: operations["listRequestAttachments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/requests/{id}/attachments/{attachmentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download a file a mail brought to a request (its instance), as it came
         * @description Sent as a download (`Content-Disposition: attachment`) with the type the sender gave it, and sandboxed: never a page a browser would run.
         */
        get: operations["getRequestAttachment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The outbox: what Baton told whom, oldest first, each with its deliveries
         * @description Managers, owners and admins read all of it; staff what was sent to them or to their department.
         *
         *     Roles: manager, owner, staff, admin.
         */
        get: operations["listNotifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/deliveries/{id}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Try a delivery again now (once its cause is fixed); its attempts count on
         * @description A failed, dead, waiting or delivered one. 409: it has nobody to go to, it waits for its recipient's daily digest, or it is being sent right now.
         *
         *     Roles: admin.
         */
        post: operations["redeliver"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The webhooks notifications go to, oldest first (never their secrets)
         * @description Roles: admin.
         */
        get: operations["listWebhooks"];
        put?: never;
        /**
         * Send notifications to a URL too, signed (Standard Webhooks)
         * @description The answer holds the webhook's secret, shown this once.
         *
         *     Roles: admin.
         */
        post: operations["createWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Stop sending to a webhook; its past deliveries stay readable
         * @description Roles: admin.
         */
        delete: operations["deleteWebhook"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports/departments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Each department's work: open and overdue now, completed on time in a period
         * @description Roles: owner, manager, admin.
         */
        get: operations["reportDepartments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports/costs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What each process (by version) has cost, in all and by department
         * @description Roles: owner, manager, admin.
         */
        get: operations["reportCosts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports/at-risk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The running instances to look at: an overdue task, or estimates past a fixed budget
         * @description The one overdue longest first (those only over budget last), then the oldest.
         *
         *     Roles: owner, manager, admin.
         */
        get: operations["reportInstancesAtRisk"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who changed what, newest first: the audit trail
         * @description Every change made through Baton, one entry each, never changed nor deleted.
         *
         *     Roles: manager, admin.
         */
        get: operations["listAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/instances/{id}/timeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An instance's story: Baton's records and the workflow's history, in time order
         * @description Read by whoever reads the instance (`GET /instances/{id}`). Staff see who did what on the tasks of other departments, not what it said (their output, their comments). Temporal out of reach leaves the workflow's side as one `history-unavailable` entry.
         *
         *     Roles: owner, manager, staff, admin.
         */
        get: operations["getInstanceTimeline"];
        put?: never;
        post?: never;
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
        User: {
            id: string;
            name: string;
            /** @enum {string} */
            role: "admin" | "owner" | "manager" | "staff" | "requester";
            department: string | null;
            email: string | null;
            /** @description an IANA time zone (`Europe/Paris`): the dates in their mail */
            timeZone: string;
            /** @enum {string} */
            locale: "en" | "fr";
            active: boolean;
            /** Format: date-time */
            createdAt: string;
        };
        /** @description A browser session: whose it is, and the token its changes carry. */
        Session: {
            user: components["schemas"]["User"];
            /** @description to send as `X-CSRF-Token` with every change made with the session cookie */
            csrfToken: string;
        };
        /** @description A user's API token, never its secret (shown once, when it is made). */
        Token: {
            id: string;
            name: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            expiresAt: string;
            lastUsedAt: string | null;
            revokedAt: string | null;
        };
        TokenPage: {
            items: components["schemas"]["Token"][];
            nextCursor: string | null;
        };
        /** @description A token just made, with its secret. */
        NewToken: {
            id: string;
            name: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            expiresAt: string;
            lastUsedAt: string | null;
            revokedAt: string | null;
            /** @description the secret, shown this once: only its hash is kept */
            token: string;
        };
        /** @description How a person receives each kind of notification (`immediate` unless they chose `digest`). */
        Preferences: {
            /**
             * @description at once, or in the daily digest
             * @enum {string}
             */
            overdue: "immediate" | "digest";
            /**
             * @description at once, or in the daily digest
             * @enum {string}
             */
            notify: "immediate" | "digest";
            /**
             * @description at once, or in the daily digest
             * @enum {string}
             */
            "step-failed": "immediate" | "digest";
            /**
             * @description at once, or in the daily digest
             * @enum {string}
             */
            replanned: "immediate" | "digest";
            /**
             * @description at once, or in the daily digest
             * @enum {string}
             */
            escalation: "immediate" | "digest";
            /**
             * @description at once, or in the daily digest
             * @enum {string}
             */
            budget: "immediate" | "digest";
            /**
             * @description at once, or in the daily digest
             * @enum {string}
             */
            assigned: "immediate" | "digest";
            /**
             * @description at once, or in the daily digest
             * @enum {string}
             */
            reassigned: "immediate" | "digest";
            /**
             * @description at once, or in the daily digest
             * @enum {string}
             */
            comment: "immediate" | "digest";
            /**
             * @description at once, or in the daily digest
             * @enum {string}
             */
            "request-received": "immediate" | "digest";
            /**
             * @description at once, or in the daily digest
             * @enum {string}
             */
            "request-updated": "immediate" | "digest";
            /**
             * @description at once, or in the daily digest
             * @enum {string}
             */
            "request-resolved": "immediate" | "digest";
        };
        /** @description A user with the token just issued to them. */
        UserWithToken: {
            id: string;
            name: string;
            /** @enum {string} */
            role: "admin" | "owner" | "manager" | "staff" | "requester";
            department: string | null;
            email: string | null;
            /** @description an IANA time zone (`Europe/Paris`): the dates in their mail */
            timeZone: string;
            /** @enum {string} */
            locale: "en" | "fr";
            active: boolean;
            /** Format: date-time */
            createdAt: string;
            /** @description a bearer token, shown this once: only its hash is kept */
            token: string;
            /** Format: date-time */
            tokenExpiresAt: string;
        };
        UserPage: {
            items: components["schemas"]["User"][];
            nextCursor: string | null;
        };
        /** @description A process the caller may request, at its latest version. */
        CatalogueItem: {
            key: string;
            version: number;
            title: string;
            description: string | null;
            category: string;
            summary: string;
            /** @description the JSON Schema of what a request sends as `input` (the fields Baton fills from the requester left out) */
            form: {
                [key: string]: unknown;
            };
            email: string | null;
        };
        CataloguePage: {
            items: components["schemas"]["CatalogueItem"][];
            nextCursor: string | null;
        };
        /** @description One line of a request as its requester reads it: `text`, and the same facts structured. */
        RequestTimelineEntry: {
            /** Format: date-time */
            at: string;
            /** @enum {string} */
            event: "opened" | "waiting-on" | "taken" | "done" | "comment" | "closed";
            /** @description the line in English */
            text: string;
            actor: {
                id: string;
                name: string;
            } | null;
            step: {
                id: string;
                title: string;
            } | null;
            department: {
                id: string;
                name: string;
            } | null;
            body: string | null;
        };
        Request: {
            id: string;
            /** @description the process's key */
            key: string;
            /** @description the process's title */
            title: string;
            /** @description what this request is about; the title when the process declares no subject */
            subject: string;
            /** @enum {string} */
            status: "running" | "completed" | "cancelled" | "rejected" | "failed" | "terminated";
            /** Format: date-time */
            startedAt: string;
            completedAt: string | null;
            expectedAt: string | null;
            /** @description the open tasks it waits on now */
            waitingOn: {
                title: string;
                department: string;
                /** Format: date-time */
                dueAt: string;
            }[];
            timeline: components["schemas"]["RequestTimelineEntry"][];
        };
        RequestSummary: {
            id: string;
            /** @description the process's key */
            key: string;
            /** @description the process's title */
            title: string;
            /** @description what this request is about; the title when the process declares no subject */
            subject: string;
            /** @enum {string} */
            status: "running" | "completed" | "cancelled" | "rejected" | "failed" | "terminated";
            /** Format: date-time */
            startedAt: string;
            completedAt: string | null;
        };
        RequestPage: {
            items: components["schemas"]["RequestSummary"][];
            nextCursor: string | null;
        };
        Department: {
            id: string;
            name: string;
            email: string | null;
            lead: string | null;
        };
        DepartmentPage: {
            items: components["schemas"]["Department"][];
            nextCursor: string | null;
        };
        /** @description A person a department's task may be given to. */
        DepartmentMember: {
            id: string;
            name: string;
            email: string | null;
        };
        DepartmentMemberPage: {
            items: components["schemas"]["DepartmentMember"][];
            nextCursor: string | null;
        };
        /** @description The action plan of a process for a start form: when each step is expected, what it costs, what is at risk. */
        ProcessPlan: {
            key: string;
            title: string;
            /**
             * Format: date-time
             * @description an RFC 3339 date-time at the calendar's offset (`2027-03-01T09:00:00+01:00`)
             */
            start: string;
            /** @description the calendar dates are counted in (`always-open` when the process names none) */
            calendar: string;
            timeZone: string;
            /**
             * Format: date-time
             * @description an RFC 3339 date-time at the calendar's offset (`2027-03-01T09:00:00+01:00`)
             */
            expectedFinish: string;
            /** @description working time from start to expected finish, in working days */
            workingDays: number;
            /** @description weekends and holidays of the calendar from the start to the last finish or due */
            daysOff: string[];
            steps: {
                /** @description the step id, or an item of a `forEach` step (`equipment[1]`) */
                id: string;
                title: string | null;
                department: string | null;
                /**
                 * Format: date-time
                 * @description an RFC 3339 date-time at the calendar's offset (`2027-03-01T09:00:00+01:00`)
                 */
                earliestStart: string;
                /**
                 * Format: date-time
                 * @description an RFC 3339 date-time at the calendar's offset (`2027-03-01T09:00:00+01:00`)
                 */
                expectedFinish: string;
                /**
                 * @description where the expected duration comes from
                 * @enum {string}
                 */
                basis: "effort" | "actual" | "due" | "instant" | "wait" | "timeout" | "sub-process" | "default" | "unknown";
                due: string | null;
                slackMs: number | null;
                slackDays: number | null;
                floatMs: number | null;
                floatDays: number | null;
                estimatedCost: number;
                /** @description on the critical path */
                critical: boolean;
                /** @description what could not be known, was assumed, or would fail at run time */
                notes: string[];
                subProcess?: components["schemas"]["ProcessPlan"];
                /**
                 * @description a running instance's plan: where the unit stands
                 * @enum {string}
                 */
                status?: "pending" | "open" | "done" | "skipped" | "failed" | "cancelled";
                openedAt?: string | null;
                completedAt?: string | null;
                actualCost?: number | null;
                /** @enum {string} */
                kind: "task" | "approval" | "notify" | "wait" | "milestone" | "call" | "process";
                after: string[];
                condition: ("met" | "not met" | "unknown before the run") | null;
                skipped: boolean;
                items: {
                    /** @description the step id, or an item of a `forEach` step (`equipment[1]`) */
                    id: string;
                    title: string | null;
                    department: string | null;
                    /**
                     * Format: date-time
                     * @description an RFC 3339 date-time at the calendar's offset (`2027-03-01T09:00:00+01:00`)
                     */
                    earliestStart: string;
                    /**
                     * Format: date-time
                     * @description an RFC 3339 date-time at the calendar's offset (`2027-03-01T09:00:00+01:00`)
                     */
                    expectedFinish: string;
                    /**
                     * @description where the expected duration comes from
                     * @enum {string}
                     */
                    basis: "effort" | "actual" | "due" | "instant" | "wait" | "timeout" | "sub-process" | "default" | "unknown";
                    due: string | null;
                    slackMs: number | null;
                    slackDays: number | null;
                    floatMs: number | null;
                    floatDays: number | null;
                    estimatedCost: number;
                    /** @description on the critical path */
                    critical: boolean;
                    /** @description what could not be known, was assumed, or would fail at run time */
                    notes: string[];
                    subProcess?: components["schemas"]["ProcessPlan"];
                    /**
                     * @description a running instance's plan: where the unit stands
                     * @enum {string}
                     */
                    status?: "pending" | "open" | "done" | "skipped" | "failed" | "cancelled";
                    openedAt?: string | null;
                    completedAt?: string | null;
                    actualCost?: number | null;
                }[] | null;
                itemCount: (number | "unknown before the run") | null;
            }[];
            /** @description unit ids, first to last, deciding the expected finish */
            criticalPath: string[];
            anchors: {
                expression: string;
                kind: "before" | "after";
                /** @description the date or date-time it gave */
                value: string | number;
                units: {
                    id: string;
                    /**
                     * Format: date-time
                     * @description an RFC 3339 date-time at the calendar's offset (`2027-03-01T09:00:00+01:00`)
                     */
                    due: string;
                    met: boolean;
                }[];
                met: boolean;
                finishBefore: boolean | null;
            }[];
            costs: {
                total: number;
                /** @description sub-processes' costs included */
                byDepartment: {
                    [key: string]: number;
                };
                budget: number | null;
                remaining: number | null;
                overBudget: boolean | null;
                /** @description `forEach` steps whose number of items only the run knows: `total` counts one item of each */
                itemsUnknown: {
                    step: string;
                    costPerItem: number;
                }[];
            };
            notes: string[];
        };
        DefinitionSummary: {
            key: string;
            version: number;
            title: string;
            owner: string | null;
            checksum: string;
            /** Format: date-time */
            deployedAt: string;
        };
        DefinitionPage: {
            items: components["schemas"]["DefinitionSummary"][];
            nextCursor: string | null;
        };
        /** @description The latest version of a process, its YAML and compiled plan, and every version. */
        Definition: {
            key: string;
            version: number;
            title: string;
            owner: string | null;
            checksum: string;
            /** Format: date-time */
            deployedAt: string;
            /** @description the YAML as it was deployed */
            source: string;
            /** @description The process as its deploy compiled it (steps in an order of `after`); beyond these members its shape is Baton's own and may change between versions. */
            plan: {
                formatVersion: number;
                key: string;
                title: string;
                /** @description the JSON Schema of the start form */
                input: {
                    [key: string]: unknown;
                };
                steps: {
                    id: string;
                    /** @enum {string} */
                    kind: "task" | "approval" | "notify" | "wait" | "milestone" | "call" | "process";
                }[];
            };
            /** @description every version deployed, the latest included */
            versions: components["schemas"]["DefinitionSummary"][];
        };
        InstanceSummary: {
            id: string;
            key: string;
            version: number;
            /** @enum {string} */
            status: "running" | "completed" | "cancelled" | "rejected" | "failed" | "terminated";
            input: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            startedAt: string;
            completedAt: string | null;
            parentInstanceId: string | null;
            parentStepId: string | null;
        };
        InstancePage: {
            items: components["schemas"]["InstanceSummary"][];
            nextCursor: string | null;
        };
        Step: {
            stepId: string;
            /** @enum {string} */
            kind: "task" | "approval" | "notify" | "wait" | "milestone" | "call" | "process";
            title: string | null;
            department: string | null;
            /** @enum {string} */
            status: "pending" | "open" | "done" | "skipped" | "failed" | "cancelled";
            taskId: string | null;
            dueAt: string | null;
            overdue: boolean;
            estimatedCost: number;
            actualCost: number | null;
            completedAt: string | null;
            /** @description why the step failed; a manager may retry or skip it */
            error?: string;
            /** @description how many times an approval sent the step back */
            round?: number;
            /** Format: date-time */
            waitUntil?: string;
            child?: {
                instanceId: string;
                /** @enum {string} */
                status?: "running" | "completed" | "cancelled" | "rejected" | "failed" | "terminated";
                progress?: {
                    done: number;
                    total: number;
                };
                /** @description what an instance costs; `byDepartment` splits the same figures */
                cost?: {
                    estimated: number;
                    committed: number;
                    actual: number;
                    forecast: number;
                    byDepartment: {
                        [key: string]: {
                            estimated: number;
                            committed: number;
                            actual: number;
                            forecast: number;
                        };
                    };
                };
            };
            items?: components["schemas"]["Step"][];
        };
        Instance: {
            id: string;
            key: string;
            version: number;
            /** @enum {string} */
            status: "running" | "completed" | "cancelled" | "rejected" | "failed" | "terminated";
            input: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            startedAt: string;
            completedAt: string | null;
            parentInstanceId: string | null;
            parentStepId: string | null;
            progress: {
                done: number;
                total: number;
            };
            /** @description what an instance costs; `byDepartment` splits the same figures */
            cost: {
                estimated: number;
                committed: number;
                actual: number;
                forecast: number;
                byDepartment: {
                    [key: string]: {
                        estimated: number;
                        committed: number;
                        actual: number;
                        forecast: number;
                    };
                };
            };
            budget?: {
                amount: number;
                currency: string;
                overBudget: boolean;
            };
            steps: components["schemas"]["Step"][];
        };
        /** @description A running instance's action plan from where it stands: what ended keeps its real dates, the rest is scheduled from now. */
        InstancePlan: {
            key: string;
            title: string;
            /**
             * Format: date-time
             * @description an RFC 3339 date-time at the calendar's offset (`2027-03-01T09:00:00+01:00`)
             */
            start: string;
            /** @description the calendar dates are counted in (`always-open` when the process names none) */
            calendar: string;
            timeZone: string;
            /**
             * Format: date-time
             * @description an RFC 3339 date-time at the calendar's offset (`2027-03-01T09:00:00+01:00`)
             */
            expectedFinish: string;
            /** @description working time from start to expected finish, in working days */
            workingDays: number;
            /** @description weekends and holidays of the calendar from the start to the last finish or due */
            daysOff: string[];
            steps: {
                /** @description the step id, or an item of a `forEach` step (`equipment[1]`) */
                id: string;
                title: string | null;
                department: string | null;
                /**
                 * Format: date-time
                 * @description an RFC 3339 date-time at the calendar's offset (`2027-03-01T09:00:00+01:00`)
                 */
                earliestStart: string;
                /**
                 * Format: date-time
                 * @description an RFC 3339 date-time at the calendar's offset (`2027-03-01T09:00:00+01:00`)
                 */
                expectedFinish: string;
                /**
                 * @description where the expected duration comes from
                 * @enum {string}
                 */
                basis: "effort" | "actual" | "due" | "instant" | "wait" | "timeout" | "sub-process" | "default" | "unknown";
                due: string | null;
                slackMs: number | null;
                slackDays: number | null;
                floatMs: number | null;
                floatDays: number | null;
                estimatedCost: number;
                /** @description on the critical path */
                critical: boolean;
                /** @description what could not be known, was assumed, or would fail at run time */
                notes: string[];
                subProcess?: components["schemas"]["ProcessPlan"];
                /**
                 * @description a running instance's plan: where the unit stands
                 * @enum {string}
                 */
                status?: "pending" | "open" | "done" | "skipped" | "failed" | "cancelled";
                openedAt?: string | null;
                completedAt?: string | null;
                actualCost?: number | null;
                /** @enum {string} */
                kind: "task" | "approval" | "notify" | "wait" | "milestone" | "call" | "process";
                after: string[];
                condition: ("met" | "not met" | "unknown before the run") | null;
                skipped: boolean;
                items: {
                    /** @description the step id, or an item of a `forEach` step (`equipment[1]`) */
                    id: string;
                    title: string | null;
                    department: string | null;
                    /**
                     * Format: date-time
                     * @description an RFC 3339 date-time at the calendar's offset (`2027-03-01T09:00:00+01:00`)
                     */
                    earliestStart: string;
                    /**
                     * Format: date-time
                     * @description an RFC 3339 date-time at the calendar's offset (`2027-03-01T09:00:00+01:00`)
                     */
                    expectedFinish: string;
                    /**
                     * @description where the expected duration comes from
                     * @enum {string}
                     */
                    basis: "effort" | "actual" | "due" | "instant" | "wait" | "timeout" | "sub-process" | "default" | "unknown";
                    due: string | null;
                    slackMs: number | null;
                    slackDays: number | null;
                    floatMs: number | null;
                    floatDays: number | null;
                    estimatedCost: number;
                    /** @description on the critical path */
                    critical: boolean;
                    /** @description what could not be known, was assumed, or would fail at run time */
                    notes: string[];
                    subProcess?: components["schemas"]["ProcessPlan"];
                    /**
                     * @description a running instance's plan: where the unit stands
                     * @enum {string}
                     */
                    status?: "pending" | "open" | "done" | "skipped" | "failed" | "cancelled";
                    openedAt?: string | null;
                    completedAt?: string | null;
                    actualCost?: number | null;
                }[] | null;
                itemCount: (number | "unknown before the run") | null;
            }[];
            /** @description unit ids, first to last, deciding the expected finish */
            criticalPath: string[];
            anchors: {
                expression: string;
                kind: "before" | "after";
                /** @description the date or date-time it gave */
                value: string | number;
                units: {
                    id: string;
                    /**
                     * Format: date-time
                     * @description an RFC 3339 date-time at the calendar's offset (`2027-03-01T09:00:00+01:00`)
                     */
                    due: string;
                    met: boolean;
                }[];
                met: boolean;
                finishBefore: boolean | null;
            }[];
            costs: {
                total: number;
                /** @description sub-processes' costs included */
                byDepartment: {
                    [key: string]: number;
                };
                budget: number | null;
                remaining: number | null;
                overBudget: boolean | null;
                /** @description `forEach` steps whose number of items only the run knows: `total` counts one item of each */
                itemsUnknown: {
                    step: string;
                    costPerItem: number;
                }[];
            };
            notes: string[];
            instanceId: string;
            version: number;
            /**
             * Format: date-time
             * @description the instant the plan counts from
             */
            now: string;
            atRisk: {
                id: string;
                department: string | null;
                /** @enum {string} */
                status: "pending" | "open" | "done" | "skipped" | "failed" | "cancelled";
                /**
                 * Format: date-time
                 * @description an RFC 3339 date-time at the calendar's offset (`2027-03-01T09:00:00+01:00`)
                 */
                expectedFinish: string;
                due: string | null;
                slackMs: number | null;
                slackDays: number | null;
                /** @description `due`, and/or the expression of an anchor it ends after */
                reasons: string[];
            }[];
            /** @description what an instance costs; `byDepartment` splits the same figures */
            cost: {
                estimated: number;
                committed: number;
                actual: number;
                forecast: number;
                byDepartment: {
                    [key: string]: {
                        estimated: number;
                        committed: number;
                        actual: number;
                        forecast: number;
                    };
                };
            };
            $defs: {
                ProcessPlan: components["schemas"]["ProcessPlan"];
            };
        };
        /** @description A running instance's plan as if its input changed: nothing changes. */
        ProposedInstancePlan: {
            key: string;
            title: string;
            /**
             * Format: date-time
             * @description an RFC 3339 date-time at the calendar's offset (`2027-03-01T09:00:00+01:00`)
             */
            start: string;
            /** @description the calendar dates are counted in (`always-open` when the process names none) */
            calendar: string;
            timeZone: string;
            /**
             * Format: date-time
             * @description an RFC 3339 date-time at the calendar's offset (`2027-03-01T09:00:00+01:00`)
             */
            expectedFinish: string;
            /** @description working time from start to expected finish, in working days */
            workingDays: number;
            /** @description weekends and holidays of the calendar from the start to the last finish or due */
            daysOff: string[];
            steps: {
                /** @description the step id, or an item of a `forEach` step (`equipment[1]`) */
                id: string;
                title: string | null;
                department: string | null;
                /**
                 * Format: date-time
                 * @description an RFC 3339 date-time at the calendar's offset (`2027-03-01T09:00:00+01:00`)
                 */
                earliestStart: string;
                /**
                 * Format: date-time
                 * @description an RFC 3339 date-time at the calendar's offset (`2027-03-01T09:00:00+01:00`)
                 */
                expectedFinish: string;
                /**
                 * @description where the expected duration comes from
                 * @enum {string}
                 */
                basis: "effort" | "actual" | "due" | "instant" | "wait" | "timeout" | "sub-process" | "default" | "unknown";
                due: string | null;
                slackMs: number | null;
                slackDays: number | null;
                floatMs: number | null;
                floatDays: number | null;
                estimatedCost: number;
                /** @description on the critical path */
                critical: boolean;
                /** @description what could not be known, was assumed, or would fail at run time */
                notes: string[];
                subProcess?: components["schemas"]["ProcessPlan"];
                /**
                 * @description a running instance's plan: where the unit stands
                 * @enum {string}
                 */
                status?: "pending" | "open" | "done" | "skipped" | "failed" | "cancelled";
                openedAt?: string | null;
                completedAt?: string | null;
                actualCost?: number | null;
                /** @enum {string} */
                kind: "task" | "approval" | "notify" | "wait" | "milestone" | "call" | "process";
                after: string[];
                condition: ("met" | "not met" | "unknown before the run") | null;
                skipped: boolean;
                items: {
                    /** @description the step id, or an item of a `forEach` step (`equipment[1]`) */
                    id: string;
                    title: string | null;
                    department: string | null;
                    /**
                     * Format: date-time
                     * @description an RFC 3339 date-time at the calendar's offset (`2027-03-01T09:00:00+01:00`)
                     */
                    earliestStart: string;
                    /**
                     * Format: date-time
                     * @description an RFC 3339 date-time at the calendar's offset (`2027-03-01T09:00:00+01:00`)
                     */
                    expectedFinish: string;
                    /**
                     * @description where the expected duration comes from
                     * @enum {string}
                     */
                    basis: "effort" | "actual" | "due" | "instant" | "wait" | "timeout" | "sub-process" | "default" | "unknown";
                    due: string | null;
                    slackMs: number | null;
                    slackDays: number | null;
                    floatMs: number | null;
                    floatDays: number | null;
                    estimatedCost: number;
                    /** @description on the critical path */
                    critical: boolean;
                    /** @description what could not be known, was assumed, or would fail at run time */
                    notes: string[];
                    subProcess?: components["schemas"]["ProcessPlan"];
                    /**
                     * @description a running instance's plan: where the unit stands
                     * @enum {string}
                     */
                    status?: "pending" | "open" | "done" | "skipped" | "failed" | "cancelled";
                    openedAt?: string | null;
                    completedAt?: string | null;
                    actualCost?: number | null;
                }[] | null;
                itemCount: (number | "unknown before the run") | null;
            }[];
            /** @description unit ids, first to last, deciding the expected finish */
            criticalPath: string[];
            anchors: {
                expression: string;
                kind: "before" | "after";
                /** @description the date or date-time it gave */
                value: string | number;
                units: {
                    id: string;
                    /**
                     * Format: date-time
                     * @description an RFC 3339 date-time at the calendar's offset (`2027-03-01T09:00:00+01:00`)
                     */
                    due: string;
                    met: boolean;
                }[];
                met: boolean;
                finishBefore: boolean | null;
            }[];
            costs: {
                total: number;
                /** @description sub-processes' costs included */
                byDepartment: {
                    [key: string]: number;
                };
                budget: number | null;
                remaining: number | null;
                overBudget: boolean | null;
                /** @description `forEach` steps whose number of items only the run knows: `total` counts one item of each */
                itemsUnknown: {
                    step: string;
                    costPerItem: number;
                }[];
            };
            notes: string[];
            instanceId: string;
            version: number;
            /**
             * Format: date-time
             * @description the instant the plan counts from
             */
            now: string;
            atRisk: {
                id: string;
                department: string | null;
                /** @enum {string} */
                status: "pending" | "open" | "done" | "skipped" | "failed" | "cancelled";
                /**
                 * Format: date-time
                 * @description an RFC 3339 date-time at the calendar's offset (`2027-03-01T09:00:00+01:00`)
                 */
                expectedFinish: string;
                due: string | null;
                slackMs: number | null;
                slackDays: number | null;
                /** @description `due`, and/or the expression of an anchor it ends after */
                reasons: string[];
            }[];
            /** @description what an instance costs; `byDepartment` splits the same figures */
            cost: {
                estimated: number;
                committed: number;
                actual: number;
                forecast: number;
                byDepartment: {
                    [key: string]: {
                        estimated: number;
                        committed: number;
                        actual: number;
                        forecast: number;
                    };
                };
            };
            /** @description the open tasks whose due dates the new input would move */
            dueChanges: {
                taskId: string;
                stepId: string;
                title: string | null;
                department: string | null;
                /** Format: date-time */
                dueAt: string;
                /** Format: date-time */
                proposedDueAt: string;
            }[];
            $defs: {
                ProcessPlan: components["schemas"]["ProcessPlan"];
            };
        };
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
        Comment: {
            id: string;
            instanceId: string;
            taskId: string | null;
            author: {
                id: string;
                name: string;
            };
            body: string;
            /** @enum {string} */
            source: "api" | "email";
            /** Format: date-time */
            createdAt: string;
        };
        CommentPage: {
            items: components["schemas"]["Comment"][];
            nextCursor: string | null;
        };
        /** @description A file a mail brought to an instance, without its bytes. */
        Attachment: {
            id: string;
            instanceId: string;
            commentId: string | null;
            fileName: string;
            /** @description as the sender's mail client named it */
            contentType: string;
            /** @description bytes */
            size: number;
            /** Format: date-time */
            createdAt: string;
        };
        AttachmentPage: {
            items: components["schemas"]["Attachment"][];
            nextCursor: string | null;
        };
        Delivery: {
            id: string;
            /** @enum {string} */
            channel: "email" | "webhook";
            to: string | null;
            webhookId?: string;
            /** @enum {string} */
            status: "pending" | "held" | "delivered" | "failed" | "dead-letter";
            attempts: number;
            lastError: string | null;
            nextAttemptAt: string | null;
            deliveredAt: string | null;
        };
        /** @description A notification of the outbox and each channel it went by. */
        NotificationWithDeliveries: {
            id: string;
            instanceId: string | null;
            taskId: string | null;
            /** @enum {string} */
            kind: "overdue" | "notify" | "step-failed" | "replanned" | "escalation" | "budget" | "assigned" | "reassigned" | "comment" | "request-received" | "request-updated" | "request-resolved";
            recipient: string;
            subject: string | null;
            message: string;
            /** Format: date-time */
            createdAt: string;
            deliveredAt: string | null;
            deliveries: components["schemas"]["Delivery"][];
        };
        NotificationPage: {
            items: components["schemas"]["NotificationWithDeliveries"][];
            nextCursor: string | null;
        };
        /** @description A webhook as listed: its secret is shown once, when it is created. */
        Webhook: {
            id: string;
            url: string;
            events: string[];
            createdBy: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        WebhookPage: {
            items: components["schemas"]["Webhook"][];
            nextCursor: string | null;
        };
        AuditEntry: {
            id: string;
            /** Format: date-time */
            at: string;
            /** @description a user, the bootstrap admin (`admin`) or Baton itself (`startup`, role `system`) */
            actor: {
                id: string;
                name: string;
                role: string;
            };
            /** @enum {string} */
            action: "definition.deployed" | "instance.started" | "instance.cancelled" | "instance.input-changed" | "step.retried" | "step.skipped" | "task.claimed" | "task.unclaimed" | "task.assigned" | "task.reassigned" | "task.completed" | "comment.added" | "user.created" | "user.updated" | "user.deactivated" | "user.token-rotated" | "user.token-created" | "user.token-revoked" | "department.created" | "department.updated" | "webhook.created" | "webhook.deleted" | "delivery.redelivered";
            subject: {
                /** @enum {string} */
                type: "definition" | "instance" | "step" | "task" | "comment" | "user" | "department" | "webhook" | "delivery";
                id: string;
            };
            instanceId: string | null;
            taskId: string | null;
            /** @description what the changed fields were; null where the change has no before */
            before: unknown;
            /** @description what they became; null where the change has no after */
            after: unknown;
            requestId: string | null;
        };
        AuditPage: {
            items: components["schemas"]["AuditEntry"][];
            nextCursor: string | null;
        };
        InstanceTimelineEntry: {
            /** Format: date-time */
            at: string;
            /**
             * @description `baton`: its records (audit, tasks, notifications); `workflow`: the workflow's Temporal history
             * @enum {string}
             */
            source: "baton" | "workflow";
            /** @description an audit action (`task.claimed`) or what happened (`task-opened`, `timer-fired`) */
            kind: string;
            actor?: {
                id: string;
                name: string;
                role?: string;
            };
            step?: string;
            task?: string;
            /** @description one English sentence */
            summary: string;
            details: {
                [key: string]: unknown;
            };
        };
        InstanceTimeline: {
            instanceId: string;
            items: components["schemas"]["InstanceTimelineEntry"][];
            /** @description entries were left out: past `limit`, or past the part of the workflow's history read */
            truncated: boolean;
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
    getHealth: {
        parameters: {
            query?: never;
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
                    "application/json": {
                        /** @enum {string} */
                        status: "ok" | "unavailable";
                        /** @enum {string} */
                        postgres: "up" | "down";
                        /** @enum {string} */
                        temporal: "up" | "down";
                    };
                };
            };
            /** @description a dependency does not answer; `Retry-After` says when to ask again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok" | "unavailable";
                        /** @enum {string} */
                        postgres: "up" | "down";
                        /** @enum {string} */
                        temporal: "up" | "down";
                    };
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
    getLiveness: {
        parameters: {
            query?: never;
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
                    "application/json": {
                        /** @constant */
                        status: "ok";
                    };
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
    getReadiness: {
        parameters: {
            query?: never;
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
                    "application/json": {
                        /**
                         * @description `stopping` once the process drains, whatever its dependencies say
                         * @enum {string}
                         */
                        status: "ready" | "stopping" | "unavailable";
                        /** @enum {string} */
                        postgres: "up" | "down";
                        /**
                         * @description `pending` while another replica migrates or before this release's migrations ran
                         * @enum {string}
                         */
                        migrations: "applied" | "pending" | "unknown";
                        /** @enum {string} */
                        temporal: "up" | "down";
                    };
                };
            };
            /** @description not ready; `Retry-After` says when to ask again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description `stopping` once the process drains, whatever its dependencies say
                         * @enum {string}
                         */
                        status: "ready" | "stopping" | "unavailable";
                        /** @enum {string} */
                        postgres: "up" | "down";
                        /**
                         * @description `pending` while another replica migrates or before this release's migrations ran
                         * @enum {string}
                         */
                        migrations: "applied" | "pending" | "unknown";
                        /** @enum {string} */
                        temporal: "up" | "down";
                    };
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
    requestSignInLink: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                };
            };
        };
        responses: {
            /** @description done */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description always true: the answer tells nobody whether the address is known
                         * @constant
                         */
                        sent: true;
                    };
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
    getSession: {
        parameters: {
            query?: never;
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
                    "application/json": components["schemas"]["Session"];
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
    openSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description a sign-in link's token or an API token */
                    token: string;
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
                    "application/json": components["schemas"]["Session"];
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
    closeSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description done; nothing to say */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
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
    streamTaskEvents: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description a stream of `task` and `resync` events, until the client closes it */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
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
    listOwnTokens: {
        parameters: {
            query?: never;
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
                    "application/json": components["schemas"]["TokenPage"];
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
    createOwnToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @description how long it works; the configured life (`BATON_TOKEN_TTL_DAYS`) when absent */
                    expiresInDays?: number;
                };
            };
        };
        responses: {
            /** @description done */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NewToken"];
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
    revokeOwnToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tokenId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description done; nothing to say */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
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
    listUserTokens: {
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
                    "application/json": components["schemas"]["TokenPage"];
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
    revokeUserToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                tokenId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description done; nothing to say */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
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
    getOwnUser: {
        parameters: {
            query?: never;
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
                    "application/json": components["schemas"]["User"];
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
    updateOwnUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    name?: string;
                    email?: string | null;
                    /** @description an IANA time zone, e.g. Europe/Paris */
                    timeZone?: string;
                    /** @enum {string} */
                    locale?: "en" | "fr";
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
                    "application/json": components["schemas"]["User"];
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
    getOwnPreferences: {
        parameters: {
            query?: never;
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
                    "application/json": components["schemas"]["Preferences"];
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
    setOwnPreferences: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /**
                     * @description at once, or in the daily digest
                     * @enum {string}
                     */
                    overdue?: "immediate" | "digest";
                    /**
                     * @description at once, or in the daily digest
                     * @enum {string}
                     */
                    notify?: "immediate" | "digest";
                    /**
                     * @description at once, or in the daily digest
                     * @enum {string}
                     */
                    "step-failed"?: "immediate" | "digest";
                    /**
                     * @description at once, or in the daily digest
                     * @enum {string}
                     */
                    replanned?: "immediate" | "digest";
                    /**
                     * @description at once, or in the daily digest
                     * @enum {string}
                     */
                    escalation?: "immediate" | "digest";
                    /**
                     * @description at once, or in the daily digest
                     * @enum {string}
                     */
                    budget?: "immediate" | "digest";
                    /**
                     * @description at once, or in the daily digest
                     * @enum {string}
                     */
                    assigned?: "immediate" | "digest";
                    /**
                     * @description at once, or in the daily digest
                     * @enum {string}
                     */
                    reassigned?: "immediate" | "digest";
                    /**
                     * @description at once, or in the daily digest
                     * @enum {string}
                     */
                    comment?: "immediate" | "digest";
                    /**
                     * @description at once, or in the daily digest
                     * @enum {string}
                     */
                    "request-received"?: "immediate" | "digest";
                    /**
                     * @description at once, or in the daily digest
                     * @enum {string}
                     */
                    "request-updated"?: "immediate" | "digest";
                    /**
                     * @description at once, or in the daily digest
                     * @enum {string}
                     */
                    "request-resolved"?: "immediate" | "digest";
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
                    "application/json": components["schemas"]["Preferences"];
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
    listUsers: {
        parameters: {
            query?: never;
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
                    "application/json": components["schemas"]["UserPage"];
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
    createUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @enum {string} */
                    role: "admin" | "owner" | "manager" | "staff" | "requester";
                    email?: string | null;
                    /** @description an IANA time zone, e.g. Europe/Paris */
                    timeZone?: string;
                    /** @enum {string} */
                    locale?: "en" | "fr";
                    department?: string | null;
                };
            };
        };
        responses: {
            /** @description done */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserWithToken"];
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
    getUser: {
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
                    "application/json": components["schemas"]["User"];
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
    deactivateUser: {
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
                    "application/json": components["schemas"]["User"];
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
    updateUser: {
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
                    name?: string;
                    email?: string | null;
                    /** @description an IANA time zone, e.g. Europe/Paris */
                    timeZone?: string;
                    /** @enum {string} */
                    locale?: "en" | "fr";
                    /** @enum {string} */
                    role?: "admin" | "owner" | "manager" | "staff" | "requester";
                    department?: string | null;
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
                    "application/json": components["schemas"]["User"];
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
    rotateUserToken: {
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
                    "application/json": components["schemas"]["UserWithToken"];
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
    listCatalogue: {
        parameters: {
            query?: never;
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
                    "application/json": components["schemas"]["CataloguePage"];
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
    getCatalogueItem: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
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
                    "application/json": components["schemas"]["CatalogueItem"];
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
    requestFromCatalogue: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of the client (a UUID) that makes sending the request again safe: the same key, the same request */
                "Idempotency-Key"?: string;
            };
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the catalogue item's form, filled */
                    input: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description the Idempotency-Key was sent before: the request it made */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Request"];
                };
            };
            /** @description done */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Request"];
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
    listRequests: {
        parameters: {
            query?: {
                /** @description items per page (default 50) */
                limit?: number;
                /** @description the `nextCursor` of the previous page, as it was given */
                cursor?: string;
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
                    "application/json": components["schemas"]["RequestPage"];
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
    getRequest: {
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
                    "application/json": components["schemas"]["Request"];
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
    listDepartments: {
        parameters: {
            query?: never;
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
                    "application/json": components["schemas"]["DepartmentPage"];
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
    listDepartmentMembers: {
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
                    "application/json": components["schemas"]["DepartmentMemberPage"];
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
    putDepartment: {
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
                    name: string;
                    email?: string | null;
                    lead?: string | null;
                };
            };
        };
        responses: {
            /** @description the department was there: it is changed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Department"];
                };
            };
            /** @description done */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Department"];
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
    listDefinitions: {
        parameters: {
            query?: never;
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
                    "application/json": components["schemas"]["DefinitionPage"];
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
    deployDefinition: {
        parameters: {
            query?: never;
            header?: {
                /** @description the file name errors point into (`definitions/x.yaml`); `request.yaml` when absent */
                "X-Baton-File"?: string;
            };
            path?: never;
            cookie?: never;
        };
        /** @description the process's YAML (`application/x-yaml`, `text/yaml` too), at most 2097152 bytes */
        requestBody: {
            content: {
                "application/yaml": string;
            };
        };
        responses: {
            /** @description this very YAML is the latest version: nothing was deployed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        key: string;
                        version: number;
                        /** @description identifies what was deployed: the same YAML deployed again answers the same version */
                        checksum: string;
                    };
                };
            };
            /** @description done */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        key: string;
                        version: number;
                        /** @description identifies what was deployed: the same YAML deployed again answers the same version */
                        checksum: string;
                    };
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
    validateDefinition: {
        parameters: {
            query?: never;
            header?: {
                /** @description the file name errors point into (`definitions/x.yaml`); `request.yaml` when absent */
                "X-Baton-File"?: string;
            };
            path?: never;
            cookie?: never;
        };
        /** @description the process's YAML (`application/x-yaml`, `text/yaml` too), at most 2097152 bytes */
        requestBody: {
            content: {
                "application/yaml": string;
            };
        };
        responses: {
            /** @description done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        valid: true;
                        key: string;
                        /** @description how many steps it compiled to */
                        steps: number;
                    };
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
    planDraft: {
        parameters: {
            query?: never;
            header?: {
                /** @description the file name errors point into (`definitions/x.yaml`); `request.yaml` when absent */
                "X-Baton-File"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the YAML of the process, as `POST /definitions` would take it (2 MiB at most) */
                    source: string;
                    /** @description the process's start form, filled */
                    input: {
                        [key: string]: unknown;
                    };
                    calendar?: string | null;
                    start?: string | null;
                    budget?: number | null;
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
                    "application/json": components["schemas"]["ProcessPlan"];
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
    getDefinition: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
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
                    "application/json": components["schemas"]["Definition"];
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
    startInstance: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of the client (a UUID) that makes sending the start again safe: the same key, the same instance */
                "Idempotency-Key"?: string;
            };
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the process's start form, filled */
                    input: {
                        [key: string]: unknown;
                    };
                    version?: number | null;
                    calendar?: string | null;
                };
            };
        };
        responses: {
            /** @description the Idempotency-Key was sent before: the instance it started */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        key: string;
                        version: number;
                        /** @enum {string} */
                        status: "running" | "completed" | "cancelled" | "rejected" | "failed" | "terminated";
                    };
                };
            };
            /** @description done */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        key: string;
                        version: number;
                        /** @enum {string} */
                        status: "running" | "completed" | "cancelled" | "rejected" | "failed" | "terminated";
                    };
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
    planDefinition: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the process's start form, filled */
                    input: {
                        [key: string]: unknown;
                    };
                    version?: number | null;
                    calendar?: string | null;
                    start?: string | null;
                    budget?: number | null;
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
                    "application/json": components["schemas"]["ProcessPlan"];
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
    listInstances: {
        parameters: {
            query?: {
                /** @description a process's key */
                key?: string;
                status?: "running" | "completed" | "cancelled" | "rejected" | "failed" | "terminated";
                /** @description items per page (default 50) */
                limit?: number;
                /** @description the `nextCursor` of the previous page, as it was given */
                cursor?: string;
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
                    "application/json": components["schemas"]["InstancePage"];
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
    getInstance: {
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
                    "application/json": components["schemas"]["Instance"];
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
    getInstancePlan: {
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
                    "application/json": components["schemas"]["InstancePlan"];
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
    previewInputChange: {
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
                    /** @description the fields of the input to replace; the rest stays as it is */
                    input: {
                        [key: string]: unknown;
                    };
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
                    "application/json": components["schemas"]["ProposedInstancePlan"];
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
    cancelInstance: {
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
                    "application/json": components["schemas"]["Instance"];
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
    changeInstanceInput: {
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
                    /** @description the fields of the input to replace; the rest stays as it is */
                    input: {
                        [key: string]: unknown;
                    };
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
                    "application/json": components["schemas"]["Instance"];
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
    retryStep: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                stepId: string;
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
                    "application/json": components["schemas"]["Instance"];
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
    skipStep: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                stepId: string;
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
                    "application/json": components["schemas"]["Instance"];
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
    listInstanceComments: {
        parameters: {
            query?: {
                /** @description items per page (default 50) */
                limit?: number;
                /** @description the `nextCursor` of the previous page, as it was given */
                cursor?: string;
            };
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
                    "application/json": components["schemas"]["CommentPage"];
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
    commentOnInstance: {
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
                    body: string;
                };
            };
        };
        responses: {
            /** @description done */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Comment"];
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
    listRequestComments: {
        parameters: {
            query?: {
                /** @description items per page (default 50) */
                limit?: number;
                /** @description the `nextCursor` of the previous page, as it was given */
                cursor?: string;
            };
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
                    "application/json": components["schemas"]["CommentPage"];
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
    commentOnRequest: {
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
                    body: string;
                };
            };
        };
        responses: {
            /** @description done */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Comment"];
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
    listTaskComments: {
        parameters: {
            query?: {
                /** @description items per page (default 50) */
                limit?: number;
                /** @description the `nextCursor` of the previous page, as it was given */
                cursor?: string;
            };
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
                    "application/json": components["schemas"]["CommentPage"];
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
    commentOnTask: {
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
                    body: string;
                };
            };
        };
        responses: {
            /** @description done */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Comment"];
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
    listInstanceAttachments: {
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
                    "application/json": components["schemas"]["AttachmentPage"];
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
    getInstanceAttachment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                attachmentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the file's bytes, with its `contentType` */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": string;
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
    listRequestAttachments: {
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
                    "application/json": components["schemas"]["AttachmentPage"];
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
    getRequestAttachment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                attachmentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the file's bytes, with its `contentType` */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": string;
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
    listNotifications: {
        parameters: {
            query?: {
                /** @description an instance's id */
                instance?: string;
                kind?: "overdue" | "notify" | "step-failed" | "replanned" | "escalation" | "budget" | "assigned" | "reassigned" | "comment" | "request-received" | "request-updated" | "request-resolved";
                /** @description items per page (default 50) */
                limit?: number;
                /** @description the `nextCursor` of the previous page, as it was given */
                cursor?: string;
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
                    "application/json": components["schemas"]["NotificationPage"];
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
    redeliver: {
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
                    "application/json": components["schemas"]["Delivery"];
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
    listWebhooks: {
        parameters: {
            query?: never;
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
                    "application/json": components["schemas"]["WebhookPage"];
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
    createWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uri */
                    url: string;
                    /** @description the notification kinds it receives; `*` for every kind */
                    events: ("*" | "overdue" | "notify" | "step-failed" | "replanned" | "escalation" | "budget" | "assigned" | "reassigned" | "comment" | "request-received" | "request-updated" | "request-resolved")[];
                    /** @description `whsec_` and the base64 of 24 to 64 random bytes; omit it to get one */
                    secret?: string;
                };
            };
        };
        responses: {
            /** @description done */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        url: string;
                        events: string[];
                        createdBy: string | null;
                        /** Format: date-time */
                        createdAt: string;
                        /** @description the key deliveries are signed with (Standard Webhooks); shown this once */
                        secret: string;
                    };
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
    deleteWebhook: {
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
            /** @description done; nothing to say */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
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
    reportDepartments: {
        parameters: {
            query?: {
                /** @description the start of the period (30 days before `to` when absent): a `YYYY-MM-DD` date (UTC; a `to` date includes that day) or an RFC 3339 date-time */
                from?: string;
                /** @description the end of the period (now when absent): a `YYYY-MM-DD` date (UTC; a `to` date includes that day) or an RFC 3339 date-time */
                to?: string;
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
                    "application/json": {
                        /** Format: date-time */
                        from: string;
                        /** Format: date-time */
                        to: string;
                        items: {
                            department: string;
                            name: string;
                            /** @description open now */
                            open: number;
                            /** @description open now and past their due */
                            overdue: number;
                            /** @description completed in the period */
                            completed: number;
                            onTimeRate: number | null;
                            medianCycleHours: number | null;
                        }[];
                    };
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
    reportCosts: {
        parameters: {
            query?: {
                /** @description one process's key */
                key?: string;
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
                    "application/json": {
                        items: {
                            key: string;
                            version: number;
                            /** @description estimated cost of the tasks not cancelled */
                            estimated: number;
                            /** @description done tasks' actual costs (their estimate when none was given), earlier rounds too */
                            actual: number;
                            instances: number;
                            budget: number | null;
                            byDepartment: {
                                [key: string]: {
                                    /** @description estimated cost of the tasks not cancelled */
                                    estimated: number;
                                    /** @description done tasks' actual costs (their estimate when none was given), earlier rounds too */
                                    actual: number;
                                    instances: number;
                                };
                            };
                        }[];
                    };
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
    reportInstancesAtRisk: {
        parameters: {
            query?: {
                /** @description how many instances (default 100) */
                limit?: number;
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
                    "application/json": {
                        items: {
                            instanceId: string;
                            key: string;
                            version: number;
                            /** @description the process's title */
                            title: string;
                            /** @description a request's subject, else the process's title */
                            subject: string;
                            /** Format: date-time */
                            startedAt: string;
                            overdueTasks: number;
                            oldestOverdueDueAt: string | null;
                            nextDueAt: string | null;
                            /** @description those with an overdue open task */
                            departments: string[];
                            estimatedCost: number;
                            budget: number | null;
                            overBudget: boolean;
                        }[];
                    };
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
    listAudit: {
        parameters: {
            query?: {
                /** @description a user id, `admin` (the bootstrap admin) or `startup` */
                actor?: string;
                /** @description an instance's id */
                instance?: string;
                action?: "definition.deployed" | "instance.started" | "instance.cancelled" | "instance.input-changed" | "step.retried" | "step.skipped" | "task.claimed" | "task.unclaimed" | "task.assigned" | "task.reassigned" | "task.completed" | "comment.added" | "user.created" | "user.updated" | "user.deactivated" | "user.token-rotated" | "user.token-created" | "user.token-revoked" | "department.created" | "department.updated" | "webhook.created" | "webhook.deleted" | "delivery.redelivered";
                /** @description from this instant on: an RFC 3339 date-time, or a `YYYY-MM-DD` day (UTC) */
                from?: string;
                /** @description before this instant: an RFC 3339 date-time, or a `YYYY-MM-DD` day (UTC), included */
                to?: string;
                /** @description items per page (default 50) */
                limit?: number;
                /** @description the `nextCursor` of the previous page, as it was given */
                cursor?: string;
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
                    "application/json": components["schemas"]["AuditPage"];
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
    getInstanceTimeline: {
        parameters: {
            query?: {
                /** @description entries at most (default 200) */
                limit?: number;
            };
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
                    "application/json": components["schemas"]["InstanceTimeline"];
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
