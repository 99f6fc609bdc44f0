from django.core.management.base import BaseCommand, CommandError

from alerts.sending import send_alerts


class Command(BaseCommand):
    help = (
        "Email each confirmed alert's new matching case studies (at most one email per alert), "
        "and delete sign-ups not confirmed in time. Safe to run as often as you like: run it "
        "from cron, for example every 15 minutes."
    )

    def handle(self, *args, **options):
        run = send_alerts()
        self.stdout.write(
            f"Sent {run.sent} alert email(s); deleted {run.purged} unconfirmed sign-up(s)."
        )
        if run.failed:
            raise CommandError(f"{run.failed} alert email(s) could not be sent: see the log.")
