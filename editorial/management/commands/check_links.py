import asyncio
import time
from dataclasses import dataclass

import httpx
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from editorial.links import stored_links
from editorial.models import LinkCheck

USER_AGENT = "AHP-toolkit-link-checker/1.0 (+checks the links the toolkit publishes)"
# Answered to HEAD by servers that only mind the method: try GET before calling it broken.
RETRY_WITH_GET = {403, 404, 405, 406, 429, 500, 501, 502, 503}


@dataclass
class Outcome:
    url: str
    status_code: int | None = None
    final_url: str = ""
    error: str = ""

    @property
    def broken(self) -> bool:
        return bool(self.error) or self.status_code is None or self.status_code >= 400


async def check(client: httpx.AsyncClient, url: str, timeout: float) -> Outcome:
    try:
        response = await client.head(url)
        if response.status_code in RETRY_WITH_GET:
            # Read the status only: the body is not needed.
            async with client.stream("GET", url) as streamed:
                response = streamed
        final = str(response.url)
        return Outcome(url, response.status_code, final if final != url else "")
    except httpx.TimeoutException:
        return Outcome(url, error=f"No answer within {timeout:g} seconds")
    except httpx.TooManyRedirects:
        return Outcome(url, error="Too many redirects")
    except (httpx.HTTPError, ValueError) as error:
        reason = str(error) or type(error).__name__
        return Outcome(url, error=f"Could not connect: {reason}"[:300])


async def check_all(urls, *, concurrency, timeout, progress):
    limit = asyncio.Semaphore(concurrency)
    done = 0

    async def bounded(client, url):
        nonlocal done
        async with limit:
            outcome = await check(client, url, timeout)
        done += 1
        progress(done, len(urls), outcome)
        return outcome

    async with httpx.AsyncClient(
        follow_redirects=True,
        timeout=httpx.Timeout(timeout),
        headers={"User-Agent": USER_AGENT},
        limits=httpx.Limits(max_connections=concurrency),
    ) as client:
        return await asyncio.gather(*(bounded(client, url) for url in urls))


class Command(BaseCommand):
    help = (
        "Check every web address stored in the content (URL fields and links in rich text) "
        "and record the results, shown in the admin under Link checks."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--concurrency", type=int, default=8, help="Requests at once (default 8)."
        )
        parser.add_argument(
            "--timeout", type=float, default=10.0, help="Seconds to wait for each (default 10)."
        )

    def handle(self, *args, concurrency, timeout, **options):
        if concurrency < 1 or timeout <= 0:
            raise CommandError("--concurrency must be at least 1 and --timeout above 0.")
        started = time.monotonic()
        uses = stored_links()
        urls = sorted(uses)
        self.stdout.write(f"Checking {len(urls)} link(s), {concurrency} at a time")

        def progress(done, total, outcome):
            result = outcome.error or outcome.status_code
            mark = "BROKEN" if outcome.broken else "ok"
            self.stdout.write(f"  [{done}/{total}] {mark} {result} {outcome.url}")

        outcomes = asyncio.run(
            check_all(urls, concurrency=concurrency, timeout=timeout, progress=progress)
        )
        now = timezone.now()
        with transaction.atomic():
            stale = [
                pk for pk, url in LinkCheck.objects.values_list("pk", "url") if url not in uses
            ]
            LinkCheck.objects.filter(pk__in=stale).delete()
            for outcome in outcomes:
                LinkCheck.objects.update_or_create(
                    url=outcome.url,
                    defaults={
                        "broken": outcome.broken,
                        "status_code": outcome.status_code,
                        "error": outcome.error,
                        "final_url": outcome.final_url[:2000],
                        "used_by": uses[outcome.url],
                        "checked_at": now,
                    },
                )
        broken = sum(outcome.broken for outcome in outcomes)
        self.stdout.write(
            f"check_links: {len(outcomes)} link(s) checked, {broken} broken, "
            f"in {time.monotonic() - started:.1f}s"
        )
