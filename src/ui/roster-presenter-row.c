/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-presenter-row"

#include "config.h"

#include "roster-client.h"
#include "roster-presenter-row.h"

/* A webinar's presenter in the overview: name and email, and an avatar with the presenter's
 * picture once it has loaded (the initials until then, or for good). */

#define MAX_PICTURE_SIZE (4 * 1024 * 1024)

struct _RosterPresenterRow
{
  AdwActionRow  parent_instance;

  AdwAvatar    *avatar;
  GCancellable *cancellable;  /* the picture's; cancelled in dispose */
};

G_DEFINE_FINAL_TYPE (RosterPresenterRow, roster_presenter_row, ADW_TYPE_ACTION_ROW)

typedef struct
{
  AdwAvatar   *avatar;
  SoupMessage *message;
} PictureLoad;

static void
picture_load_free (PictureLoad *load)
{
  g_clear_object (&load->avatar);
  g_clear_object (&load->message);
  g_free (load);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PictureLoad, picture_load_free)

static void
picture_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PictureLoad) load = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  guint status;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;  /* the row is gone or going */

  status = soup_message_get_status (load->message);
  if (bytes == NULL || !SOUP_STATUS_IS_SUCCESSFUL (status) ||
      g_bytes_get_size (bytes) > MAX_PICTURE_SIZE)
    {
      g_debug ("No presenter picture (HTTP %u): %s", status, error ? error->message : "bad answer");
      return;
    }

  texture = gdk_texture_new_from_bytes (bytes, &error);
  if (texture == NULL)
    {
      g_debug ("Presenter picture does not decode: %s", error->message);
      return;
    }
  adw_avatar_set_custom_image (load->avatar, GDK_PAINTABLE (texture));
}

/* A plain GET on the shared session: pictures are not API calls, so the rate limiter does not
 * see them. Only web URLs; anything else keeps the initials. */
static void
load_picture (RosterPresenterRow *self,
              const char         *url)
{
  const char *scheme = url != NULL ? g_uri_peek_scheme (url) : NULL;
  PictureLoad *load;
  SoupMessage *message;

  if (g_strcmp0 (scheme, "https") != 0 && g_strcmp0 (scheme, "http") != 0)
    return;
  if (!(message = soup_message_new (SOUP_METHOD_GET, url)))
    return;

  load = g_new0 (PictureLoad, 1);
  load->avatar = g_object_ref (self->avatar);
  load->message = message;
  soup_session_send_and_read_async (roster_client_get_session (), message, G_PRIORITY_LOW,
                                    self->cancellable, picture_cb, load);
}

static void
roster_presenter_row_dispose (GObject *object)
{
  RosterPresenterRow *self = ROSTER_PRESENTER_ROW (object);

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (roster_presenter_row_parent_class)->dispose (object);
}

static void
roster_presenter_row_finalize (GObject *object)
{
  RosterPresenterRow *self = ROSTER_PRESENTER_ROW (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (roster_presenter_row_parent_class)->finalize (object);
}

static void
roster_presenter_row_class_init (RosterPresenterRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = roster_presenter_row_dispose;
  object_class->finalize = roster_presenter_row_finalize;
}

static void
roster_presenter_row_init (RosterPresenterRow *self)
{
  self->cancellable = g_cancellable_new ();
  /* Server text: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
}

GtkWidget *
roster_presenter_row_new (RosterPresenter *presenter)
{
  RosterPresenterRow *self;
  const char *name;
  const char *email;

  g_return_val_if_fail (ROSTER_IS_PRESENTER (presenter), NULL);

  name = roster_presenter_get_name (presenter);
  email = roster_presenter_get_email (presenter);
  self = g_object_new (ROSTER_TYPE_PRESENTER_ROW, NULL);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 name != NULL ? name : email != NULL ? email : "");
  if (name != NULL && email != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self), email);

  self->avatar = ADW_AVATAR (adw_avatar_new (40, name != NULL ? name : email, TRUE));
  adw_action_row_add_prefix (ADW_ACTION_ROW (self), GTK_WIDGET (self->avatar));
  load_picture (self, roster_presenter_get_picture (presenter));

  return GTK_WIDGET (self);
}
