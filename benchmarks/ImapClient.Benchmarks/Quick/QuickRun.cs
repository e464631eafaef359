using System.Diagnostics;
using ImapClient.Benchmarks.Corpus;
using ImapClient.Benchmarks.Replay;
using ImapClient.Benchmarks.Speed;
using ImapClient.Benchmarks.Workloads;
using MailKit;
using MailKitSearchQuery = MailKit.Search.SearchQuery;

namespace ImapClient.Benchmarks.Quick;

/// <summary>
/// <c>-- --quick</c>: every speed workload once, at small size, without BenchmarkDotNet; checks what each returns
/// (counts, bytes, and ours against MailKit field by field), prints one line per workload, and fails on any mismatch.
/// A smoke test of the suite and of both libraries' results, not a measurement: the times printed are single runs.
/// </summary>
internal static class QuickRun
{
    private const int Messages = 200;
    private const int Downloads = 20;
    private const int Noops = 80;
    private const int IdleConnections = 20;
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync()
    {
        try
        {
            return await RunStepsAsync();
        }
        catch (Exception ex)
        {
            // Setup failed (a capture missing, Dovecot not starting): no workload could be checked.
            Console.WriteLine($"quick: FAIL  setup: {ex.GetType().Name}: {ex.Message}");
            return 1;
        }
    }

    private static async Task<int> RunStepsAsync()
    {
        var clock = Stopwatch.StartNew();
        var failures = 0;

        async Task Step(string name, Func<Task<string>> work)
        {
            var step = Stopwatch.StartNew();
            try
            {
                var detail = await work().WaitAsync(StepTimeout);
                Console.WriteLine($"quick: ok    {name,-40} {detail} ({step.Elapsed.TotalMilliseconds:F0} ms)");
            }
            catch (Exception ex)
            {
                failures++;
                Console.WriteLine($"quick: FAIL  {name,-40} {ex.GetType().Name}: {ex.Message}");
            }
        }

        // The settings BenchmarkDotNet will run the suite with, merged as it merges them.
        await Step("BenchmarkDotNet build timeout", () => Task.FromResult(BuildTimeouts()));

        // Parsing without a server: a prefix of the recorded FETCH, the whole LIST and SEARCH.
        var fetch = CaptureData.FetchSummaries(Messages);
        var list = CaptureData.List();
        var script = new ReplayScript(fetch, list, CaptureData.Search());
        foreach (var (delivery, maxRead) in new[] { ("one segment", int.MaxValue), ("4 KB reads", 4096) })
        {
            await Step($"parse FETCH summaries, {delivery}", async () =>
            {
                await using var ours = await Clients.OursReplayAsync(script, maxRead);
                using var mailKit = await Clients.MailKitReplayAsync(script, maxRead);
                var oursResult = await Ops.OursSummariesAsync(ours, Messages);
                var mailKitResult = await Ops.MailKitSummariesAsync(mailKit.Inbox);
                return Compare.Summaries(oursResult, mailKitResult, Messages);
            });
        }

        foreach (var (delivery, maxRead) in new[] { ("one segment", int.MaxValue), ("4 KB reads", 4096) })
        {
            await Step($"parse the message list, {delivery}", async () =>
            {
                await using var ours = await Clients.OursReplayAsync(script, maxRead);
                using var mailKit = await Clients.MailKitReplayAsync(script, maxRead);
                return Compare.MessageList(await MessageList.OursAsync(ours, Messages), await MessageList.MailKitAsync(mailKit.Inbox));
            });
        }

        await Step("parse LIST", async () =>
        {
            await using var ours = await Clients.OursReplayAsync(script, int.MaxValue);
            using var mailKit = await Clients.MailKitReplayAsync(script, int.MaxValue);
            var mailboxes = await ours.ListAsync();
            var folders = await mailKit.GetFoldersAsync(mailKit.PersonalNamespaces[0]);
            return Compare.Mailboxes(mailboxes, folders, CaptureData.CountResponses(list));
        });

        foreach (var (delivery, maxRead) in new[] { ("one segment", int.MaxValue), ("4 KB reads", 4096) })
        {
            await Step($"parse SEARCH, {delivery}", async () =>
            {
                await using var ours = await Clients.OursReplayAsync(script, maxRead);
                using var mailKit = await Clients.MailKitReplayAsync(script, maxRead);
                var oursUids = await ours.UidSearchAsync(SearchQuery.All);
                var mailKitUids = await mailKit.Inbox.SearchAsync(MailKitSearchQuery.All);
                return Compare.Uids(oursUids, mailKitUids.Select(u => u.Id).ToList(), CaptureData.SearchUids);
            });
        }

        // Against Dovecot. First the setups the benchmark classes use that the steps below do not (an empty INBOX).
        await Step("server setup, empty INBOX", async () =>
        {
            await using var empty = await BenchServer.StartAsync(summaries: 0, large: 1);
            await using var rawEmpty = await empty.RawAsync("INBOX");
            var bytes = await Ops.RawSummariesAsync(rawEmpty);
            return bytes > 0 ? $"raw FETCH of nothing: {bytes} bytes (the tagged line)" : throw new InvalidOperationException("no bytes counted");
        });


        Console.WriteLine($"quick: starting Dovecot with {Messages} messages and {Downloads} of ~100 KB");
        await using var server = await BenchServer.StartAsync(Messages, Downloads);
        await using var ours = await Clients.OursServerAsync(server.Host, server.Port, "INBOX");
        var (mailKitClient, inbox) = await Clients.MailKitServerAsync(server.Host, server.Port, "INBOX");
        using var mailKitDisposer = mailKitClient;
        await using var raw = await server.RawAsync("INBOX");

        await Step("server FETCH summaries", async () =>
        {
            var result = Compare.Summaries(await Ops.OursSummariesAsync(ours, Messages), await Ops.MailKitSummariesAsync(inbox), Messages);
            var bytes = await Ops.RawSummariesAsync(raw);
            // The corpus is the captured one, so the server's bytes match the capture (plus the tagged line) unless
            // Dovecot's version or the corpus changed since the capture; that is worth a warning, not a failure.
            var note = bytes > fetch.Length && bytes < fetch.Length + 200 ? "matches the capture" : $"WARNING: capture has {fetch.Length:N0} bytes, recapture?";
            return $"{result}; raw {bytes:N0} bytes, {note}";
        });

        await Step("server message list", async () =>
        {
            var result = Compare.MessageList(await MessageList.OursAsync(ours, Messages), await MessageList.MailKitAsync(inbox));
            var bytes = await Ops.RawSummariesAsync(raw);
            return bytes > fetch.Length ? $"{result}; raw {bytes:N0} bytes" : throw new InvalidOperationException($"raw: {bytes:N0} bytes, fewer than the capture's {fetch.Length:N0}");
        });

        await Step("server FETCH summaries, COMPRESS=DEFLATE", async () =>
        {
            var (plain, plainWire) = await Clients.OursCountedAsync(server.Host, server.Port, "INBOX", compress: false);
            var (squeezed, squeezedWire) = await Clients.OursCountedAsync(server.Host, server.Port, "INBOX", compress: true);
            await using (plain)
            await using (squeezed)
            {
                var (plainBefore, squeezedBefore) = (plainWire.Received, squeezedWire.Received);
                var expected = await Ops.OursSummariesAsync(plain, Messages);
                var actual = await Ops.OursSummariesAsync(squeezed, Messages);
                var (plainBytes, squeezedBytes) = (plainWire.Received - plainBefore, squeezedWire.Received - squeezedBefore);
                Compare.Equal("compressed summaries", expected.Count, actual.Count, "");
                for (var i = 0; i < expected.Count; i++)
                {
                    Compare.Same($"message {i + 1}", "subject", expected[i].Envelope!.Subject, actual[i].Envelope!.Subject);
                }

                return $"identical results; on the wire {squeezedBytes:N0} bytes compressed against {plainBytes:N0} plain ({(double)squeezedBytes / plainBytes:P0})";
            }
        });

        await Step("server FETCH BODY.PEEK[HEADER]", async () =>
        {
            var oursTally = await Ops.OursHeadersAsync(ours, Messages);
            var mailKitTally = await Ops.MailKitHeadersAsync(inbox);
            Compare.Equal("header fields", mailKitTally.Fields, oursTally.Fields, "");
            Compare.Equal("checksum of every header's field and decoded value", mailKitTally.Checksum, oursTally.Checksum, "");
            var (oursFields, mailKitFields) = (oursTally.Fields, mailKitTally.Fields);

            // The raw row must read at least every header section (the MB/s column's payload), framing on top.
            var rawBytes = await Ops.RawHeadersAsync(raw);
            var sections = MessageCorpus.Summaries(Messages).Sum(m => (long)PayloadSizes.HeaderLength(m.Content));
            return rawBytes > sections
                ? $"ours {oursFields:N0} | MailKit {mailKitFields:N0} header fields in {Messages} messages, same names and values; raw {rawBytes:N0} bytes for {sections:N0} of sections"
                : throw new InvalidOperationException($"raw: {rawBytes:N0} bytes, fewer than the {sections:N0} bytes of the header sections");
        });

        await using var oursLarge = await Clients.OursServerAsync(server.Host, server.Port, BenchServer.LargeMailbox);
        var (mailKitLargeClient, large) = await Clients.MailKitServerAsync(server.Host, server.Port, BenchServer.LargeMailbox);
        using var mailKitLargeDisposer = mailKitLargeClient;
        await using var rawLarge = await server.RawAsync(BenchServer.LargeMailbox);

        // The raw download rows must read every message (the MB/s column's payload), framing on top.
        static void RawCoversMessages(long raw, long messages)
        {
            if (raw <= messages)
            {
                throw new InvalidOperationException($"raw: {raw:N0} bytes, fewer than the {messages:N0} bytes of the messages");
            }
        }

        await Step($"server download {Downloads}, one FETCH each", async () =>
        {
            var o = await Ops.OursDownloadEachAsync(oursLarge, Downloads);
            var m = await Ops.MailKitDownloadEachAsync(large, Downloads);
            var r = await Ops.RawDownloadEachAsync(rawLarge, Downloads);
            Compare.Equal("MailKit bytes", server.LargeBytes, m, "");
            RawCoversMessages(r, server.LargeBytes);
            return Compare.Equal("ours bytes", server.LargeBytes, o, $"ours {o:N0} | MailKit {m:N0} bytes; raw {r:N0} bytes");
        });

        await Step($"server download {Downloads}, one FETCH for all", async () =>
        {
            var o = await Ops.OursDownloadBulkAsync(oursLarge, Downloads);
            var m = await Ops.MailKitDownloadBulkAsync(large, Downloads);
            var r = await Ops.RawDownloadBulkAsync(rawLarge, Downloads);
            Compare.Equal("MailKit bytes", server.LargeBytes, m, "");
            RawCoversMessages(r, server.LargeBytes);
            return Compare.Equal("ours bytes", server.LargeBytes, o, $"ours {o:N0} | MailKit {m:N0} bytes; raw {r:N0} bytes");
        });

        // Parsed bodies: the same messages from both libraries (Message-Id, subject, parts, decoded sizes), and the
        // timed rows' cheaper checksum (sizes as MimeKit kept them) equal too.
        await Step($"server bodies parsed {Downloads}, one FETCH for all", async () =>
        {
            var o = await Ops.OursBodiesParsedAsync(oursLarge, Downloads, decode: true);
            var m = await Ops.MailKitBodiesParsedAsync(large, Downloads, decode: true);
            Compare.Equal("parsed messages (decoded)", m, o, "");
            Compare.Equal("parsed messages", await Ops.MailKitBodiesParsedAsync(large, Downloads), await Ops.OursBodiesParsedAsync(oursLarge, Downloads), "");
            var r = await Ops.RawDownloadBulkAsync(rawLarge, Downloads);
            RawCoversMessages(r, server.LargeBytes);
            return $"ours | MailKit: {Downloads} messages, same ids, subjects, parts and decoded sizes; raw {r:N0} bytes";
        });

        await Step($"server bodies parsed {Downloads}, one FETCH each", async () =>
        {
            var o = await Ops.OursGetMessageEachAsync(oursLarge, Downloads, decode: true);
            var m = await Ops.MailKitGetMessageEachAsync(large, Downloads, decode: true);
            Compare.Equal("GetMessageAsync messages (decoded)", m, o, "");
            Compare.Equal("GetMessageAsync messages", await Ops.MailKitGetMessageEachAsync(large, Downloads), await Ops.OursGetMessageEachAsync(oursLarge, Downloads), "");
            Compare.Equal("one FETCH each against one for all", await Ops.MailKitBodiesParsedAsync(large, Downloads, decode: true), o, "");
            var r = await Ops.RawDownloadEachAsync(rawLarge, Downloads);
            RawCoversMessages(r, server.LargeBytes);
            return $"ours | MailKit: {Downloads} messages, same ids, subjects, parts and decoded sizes; raw {r:N0} bytes";
        });

        await Step("server STORE flags", async () =>
        {
            // Both sessions have INBOX selected: each first takes the other's earlier changes with a NOOP.
            // Dovecot reports only the messages whose flags changed, and some of the corpus is flagged already.
            await ours.NoopAsync();
            await Ops.OursStoreAsync(ours, Messages, add: false);
            var o = await Ops.OursStoreAsync(ours, Messages, add: true);
            await mailKitClient.NoOpAsync();
            var changed = 0;
            void OnChanged(object? sender, MessageFlagsChangedEventArgs e) => changed++;
            inbox.MessageFlagsChanged += OnChanged;
            await Ops.MailKitStoreAsync(inbox, Enumerable.Range(0, Messages).ToArray(), add: false);
            inbox.MessageFlagsChanged -= OnChanged;
            await ours.NoopAsync();
            Compare.Equal("MailKit updates", Messages, changed, "");
            Compare.Equal("ours flagged", Messages, o, "");

            // The raw row: set and clear again, so the others find the flags as they left them. Each message's
            // untagged FETCH is at least "* n FETCH (FLAGS (\Flagged))" and CRLF.
            var added = await Ops.RawStoreAsync(raw, add: true);
            var removed = await Ops.RawStoreAsync(raw, add: false);
            var least = Messages * "* 1 FETCH (FLAGS (\\Flagged))\r\n".Length;
            return added >= least
                ? $"ours {o} | MailKit {changed} updated messages; raw {added:N0} and {removed:N0} bytes"
                : throw new InvalidOperationException($"raw STORE: {added:N0} bytes, fewer than {least:N0} for {Messages} FETCH responses");
        });

        await Step("server NOOPs", async () =>
        {
            var o = await Ops.OursNoopsAsync(ours, Noops, tasks: 8);
            var m = await Ops.MailKitNoopsAsync(mailKitClient, Noops);
            var r = await raw.PipelineAsync("NOOP", Noops, window: 8);
            var rs = await Ops.RawNoopsAsync(raw, Noops);
            Compare.Equal("MailKit NOOPs", Noops, m, "");
            Compare.Equal("raw NOOPs, 8 in flight", Noops, r, "");
            Compare.Equal("raw NOOPs, sequential", Noops, rs, "");
            return Compare.Equal("ours NOOPs", Noops, o, $"ours {o} (8 tasks) | MailKit {m} (sequential) | raw {r} (8 in flight), {rs} (sequential)");
        });

        await Step("server FETCH FLAGS, repeated", async () =>
        {
            var o = await Ops.OursFlagsAsync(ours, Messages, rounds: 3);
            var m = await Ops.MailKitFlagsAsync(inbox, rounds: 3);
            Compare.Equal("MailKit flags", Messages * 3, m, "");
            return Compare.Equal("ours flags", Messages * 3, o, $"ours {o} | MailKit {m} flag sets");
        });

        await Step($"idle connections, {IdleConnections} per library", async () =>
        {
            // Each library in its own process, one after the other, against one Dovecot, as the idle mode runs them.
            var results = await Idle.IdleBenchmark.RunAllAsync(IdleConnections, ["ours", "mailkit"], _ => { });
            foreach (var r in results)
            {
                Compare.Equal($"{r.Library} connections told of the new message", IdleConnections, r.Told, "");
                if (!r.Ok)
                {
                    throw new InvalidOperationException($"{r.Library}: the run failed ({r.Told} of {r.Connections} told)");
                }
            }

            var (o, m) = (results[0], results[1]);
            return $"all told; heap per connection ours {o.HeapPerConnection / 1024:F1} KiB | MailKit {m.HeapPerConnection / 1024:F1} KiB; "
                + $"all told after ours {o.AllToldSeconds:F2} s | MailKit {m.AllToldSeconds:F2} s; "
                + $"told after arrival (max) ours {o.ToldAfterArrivalMaxSeconds * 1000:F1} ms | MailKit {m.ToldAfterArrivalMaxSeconds * 1000:F1} ms";
        });

        Console.WriteLine($"quick: {(failures == 0 ? "all workloads ok" : $"{failures} workload(s) FAILED")} in {clock.Elapsed.TotalSeconds:F1} s");
        return failures == 0 ? 0 : 1;
    }

    /// <summary>
    /// Every benchmark class, as BenchmarkDotNet sees it under the switcher's config, gets the long build timeout: a
    /// slow build on a busy machine must not leave the whole table NA.
    /// </summary>
    private static string BuildTimeouts()
    {
        var types = typeof(BenchConfig).Assembly.GetTypes()
            .Where(t => t.GetCustomAttributes(typeof(BenchmarkDotNet.Attributes.ConfigAttribute), inherit: false).Length > 0)
            .ToList();
        foreach (var type in types)
        {
            var timeout = BenchmarkDotNet.Running.BenchmarkConverter.TypeToBenchmarks(type, BenchConfig.Switcher).Config.BuildTimeout;
            if (timeout < BenchConfig.SlowBuildTimeout)
            {
                throw new InvalidOperationException($"{type.Name} would build with a timeout of {timeout}, not {BenchConfig.SlowBuildTimeout}.");
            }
        }

        return $"{types.Count} benchmark classes, {BenchConfig.SlowBuildTimeout.TotalMinutes} min each";
    }
}

/// <summary>Checks that throw with what differed.</summary>
internal static class Compare
{
    public static string Equal<T>(string what, T expected, T actual, string detail) where T : IEquatable<T> =>
        expected.Equals(actual) ? detail : throw new InvalidOperationException($"{what}: expected {expected}, got {actual}");

    /// <summary>Ours and MailKit's message list checksums (<see cref="ListChecksum"/>): equal when both read the same values.</summary>
    public static string MessageList(ulong ours, ulong mailKit) =>
        ours == mailKit ? $"ours | MailKit checksum {ours:x16}, identical" : throw new InvalidOperationException($"message list checksum: ours {ours:x16}, MailKit {mailKit:x16}");

    /// <summary>Ours and MailKit's SEARCH results, UID by UID, in the server's order.</summary>
    public static string Uids(IReadOnlyList<uint> ours, IReadOnlyList<uint> mailKit, int expected)
    {
        Equal("ours UIDs", expected, ours.Count, "");
        Equal("MailKit UIDs", expected, mailKit.Count, "");
        for (var i = 0; i < expected; i++)
        {
            Same($"UID {i + 1}", "value", mailKit[i], ours[i]);
        }

        return $"ours {ours.Count:N0} | MailKit {mailKit.Count:N0} UIDs, identical";
    }

    /// <summary>Ours and MailKit's mailboxes: the same count, and the same decoded names and delimiters.</summary>
    public static string Mailboxes(IReadOnlyList<MailboxListEntry> ours, IList<IMailFolder> mailKit, int expected)
    {
        Equal("ours mailboxes", expected, ours.Count, "");
        Equal("MailKit mailboxes", expected, mailKit.Count, "");
        var oursNames = ours.Select(m => (m.Name, m.Delimiter)).OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
        var mailKitNames = mailKit.Select(f => (Name: f.FullName, Delimiter: (char?)f.DirectorySeparator)).OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
        for (var i = 0; i < expected; i++)
        {
            Same($"mailbox {i + 1} in name order", "name and delimiter", mailKitNames[i], oursNames[i]);
        }

        return $"ours {ours.Count} | MailKit {mailKit.Count} mailboxes, identical names and delimiters";
    }

    /// <summary>Ours and MailKit's summaries, message by message: UID, size, date, flags, envelope, body structure.</summary>
    public static string Summaries(IReadOnlyList<FetchedMessage> ours, IList<IMessageSummary> mailKit, int expected)
    {
        Equal("ours messages", expected, ours.Count, "");
        Equal("MailKit messages", expected, mailKit.Count, "");
        for (var i = 0; i < expected; i++)
        {
            var (o, m) = (ours[i], mailKit[i]);
            var what = $"message {i + 1}";
            Same(what, "UID", m.UniqueId.Id, o.Uid);
            Same(what, "RFC822.SIZE", (long?)m.Size, o.Size);
            Same(what, "INTERNALDATE", m.InternalDate, o.InternalDate);
            Same(what, "\\Seen", m.Flags?.HasFlag(MailKit.MessageFlags.Seen), o.Flags?.Contains(SystemFlags.Seen));
            Same(what, "\\Flagged", m.Flags?.HasFlag(MailKit.MessageFlags.Flagged), o.Flags?.Contains(SystemFlags.Flagged));
            Same(what, "subject", m.Envelope?.Subject, o.Envelope?.Subject);
            Same(what, "message-id", m.Envelope?.MessageId, o.Envelope?.MessageId?.Trim('<', '>')); // MailKit drops the brackets
            Same(what, "from", m.Envelope?.From.ToString(), o.Envelope?.From.ToString());
            Same(what, "to", m.Envelope?.To.Count, o.Envelope?.To.Count);
            Same(what, "cc", m.Envelope?.Cc.Count, o.Envelope?.Cc.Count);
            Same(what, "body structure", Shape(m.Body), Shape(o.BodyStructure));
        }

        return $"ours {ours.Count} | MailKit {mailKit.Count} messages, identical UIDs, sizes, dates, flags, envelopes, structures";
    }

    internal static void Same<T>(string message, string field, T mailKit, T ours)
    {
        if (!EqualityComparer<T>.Default.Equals(mailKit, ours))
        {
            throw new InvalidOperationException($"{message}: {field} differs: ours '{ours}', MailKit '{mailKit}'");
        }
    }

    private static string Shape(BodyPart? part) => part switch
    {
        null => "none",
        BodyPartMultipart multipart => $"{multipart.ContentType.MimeType.ToLowerInvariant()}[{string.Join(",", multipart.Parts.Select(Shape))}]",
        BodyPartBasic basic => $"{basic.ContentType.MimeType.ToLowerInvariant()}:{basic.Octets}",
        _ => part.ContentType.MimeType.ToLowerInvariant(),
    };

    private static string Shape(MailKit.BodyPart? part) => part switch
    {
        null => "none",
        MailKit.BodyPartMultipart multipart => $"{multipart.ContentType.MimeType.ToLowerInvariant()}[{string.Join(",", multipart.BodyParts.Select(Shape))}]",
        MailKit.BodyPartBasic basic => $"{basic.ContentType.MimeType.ToLowerInvariant()}:{basic.Octets}",
        _ => part.ContentType.MimeType.ToLowerInvariant(),
    };
}
