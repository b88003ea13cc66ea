/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "roster-top-pin"

#include "config.h"

#include "roster-top-pin.h"
#include "roster-ui-util.h"

/* Keeps a list at its top while its rows land. A list view keeps the row it shows in sight, so
 * when a sorted list fills, rows sorted in before its first push the view down with them; and
 * its scroll position is only known after a layout. So, frame by frame, a list that left its
 * top goes back, until the rows stopped landing (release) or the user scrolled or typed. */

#define PIN_KEY          "roster-top-pin"
#define FRAMES_AFTER_END 3

typedef struct
{
  guint tick_id;
  int   frames_left;  /* -1: until released */
} Pin;

static void
unpin (GtkScrolledWindow *scroller,
       Pin               *pin)
{
  if (pin->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (scroller), pin->tick_id);
  pin->tick_id = 0;
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  Pin *pin = user_data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (widget));

  if (gtk_adjustment_get_value (adjustment) > gtk_adjustment_get_lower (adjustment))
    roster_ui_scroll_to_top (GTK_SCROLLED_WINDOW (widget));
  if (pin->frames_left > 0 && --pin->frames_left == 0)
    {
      pin->tick_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* The user moved: the list is theirs again. */
static void
user_input_cb (GtkEventController *controller)
{
  GtkWidget *scroller = gtk_event_controller_get_widget (controller);

  unpin (GTK_SCROLLED_WINDOW (scroller), g_object_get_data (G_OBJECT (scroller), PIN_KEY));
}

/* For the signals that ask whether the event was handled: it goes on to the list */
static gboolean
user_event_cb (GtkEventController *controller)
{
  user_input_cb (controller);
  return GDK_EVENT_PROPAGATE;
}

static Pin *
get_pin (GtkScrolledWindow *scroller)
{
  Pin *pin = g_object_get_data (G_OBJECT (scroller), PIN_KEY);
  GtkEventController *controller;

  if (pin != NULL)
    return pin;

  pin = g_new0 (Pin, 1);
  g_object_set_data_full (G_OBJECT (scroller), PIN_KEY, pin, g_free);

  /* Watched before the list sees them: a wheel, a key, a click on the scroll bar */
  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (controller, "scroll", G_CALLBACK (user_event_cb), controller);
  gtk_widget_add_controller (GTK_WIDGET (scroller), controller);
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (user_event_cb), controller);
  gtk_widget_add_controller (GTK_WIDGET (scroller), controller);
  controller = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (controller, "pressed", G_CALLBACK (user_input_cb), controller);
  gtk_widget_add_controller (GTK_WIDGET (scroller), controller);
  return pin;
}

/* Rows are about to land: the list starts at its top and stays there. */
void
roster_top_pin_hold (GtkScrolledWindow *scroller)
{
  Pin *pin;

  g_return_if_fail (GTK_IS_SCROLLED_WINDOW (scroller));

  pin = get_pin (scroller);
  pin->frames_left = -1;
  if (pin->tick_id == 0)
    pin->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (scroller), tick_cb, pin, NULL);
}

/* The last rows landed: a few frames more for their layout, then the list is free. */
void
roster_top_pin_release (GtkScrolledWindow *scroller)
{
  Pin *pin;

  g_return_if_fail (GTK_IS_SCROLLED_WINDOW (scroller));

  pin = g_object_get_data (G_OBJECT (scroller), PIN_KEY);
  if (pin != NULL && pin->tick_id != 0)
    pin->frames_left = FRAMES_AFTER_END;
}
