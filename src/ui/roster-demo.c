/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-demo"

#include "config.h"

#include "roster-demo.h"
#include "roster-fake-service.h"

/* The demo: the fake service in this process on 127.0.0.1 with its sample account. One per
 * application, shared by its windows; the service starts only when the demo is first asked
 * for, and its fixed key is never stored anywhere. */

struct _RosterDemo
{
  GObject            parent_instance;

  RosterFakeService *service;
  RosterAccount     *account;
};

G_DEFINE_FINAL_TYPE (RosterDemo, roster_demo, G_TYPE_OBJECT)

RosterDemo *
roster_demo_new (void)
{
  return g_object_new (ROSTER_TYPE_DEMO, NULL);
}

/* The demo account, starting the service the first time. Transfer none. */
RosterAccount *
roster_demo_get_account (RosterDemo  *self,
                         GError     **error)
{
  g_autoptr(RosterFakeService) service = NULL;
  g_autofree char *endpoint = NULL;

  g_return_val_if_fail (ROSTER_IS_DEMO (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->account != NULL)
    return self->account;

  service = roster_fake_service_new (1);
  if (!roster_fake_service_start (service, error))
    return NULL;

  endpoint = roster_fake_service_dup_endpoint (service, FALSE);
  self->account = roster_account_new_demo (endpoint, roster_fake_service_get_api_key (service));
  self->service = g_steal_pointer (&service);

  return self->account;
}

static void
roster_demo_dispose (GObject *object)
{
  RosterDemo *self = ROSTER_DEMO (object);

  g_clear_object (&self->account);
  g_clear_object (&self->service);

  G_OBJECT_CLASS (roster_demo_parent_class)->dispose (object);
}

static void
roster_demo_class_init (RosterDemoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = roster_demo_dispose;
}

static void
roster_demo_init (RosterDemo *self)
{
}
