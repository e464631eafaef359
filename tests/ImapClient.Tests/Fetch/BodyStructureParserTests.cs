using ImapClient.Protocol;
using ImapClient.Tests.Infrastructure;

namespace ImapClient.Tests.Fetch;

[TestFixture(0)]
[TestFixture(1)]
public sealed class BodyStructureParserTests(int segmentSize) : FetchParsingFixture(segmentSize)
{
    private BodyPart ParseBodyStructure(string body, string item = "BODYSTRUCTURE")
    {
        var message = Fetch("* 1 FETCH (" + item + " " + body + " UID 77)\r\n");

        // The UID after the body proves the parser stopped exactly at its closing parenthesis.
        Assert.That(message.Uid, Is.EqualTo(77u));
        Assert.That(message.BodyStructure, Is.Not.Null);
        return message.BodyStructure!;
    }

    [Test]
    public void Common_tokens_are_one_shared_string_and_other_spellings_are_read_as_sent()
    {
        const string Body = """("text" "plain" ("charset" "utf-8") NIL NIL "7bit" 12 1 NIL NIL NIL NIL)""";
        var first = (BodyPartText)ParseBodyStructure(Body);
        var second = (BodyPartText)ParseBodyStructure(Body);
        var upper = (BodyPartText)ParseBodyStructure("""("TEXT" "PLAIN" ("CHARSET" "UTF-8") NIL NIL "7BIT" 12 1 NIL NIL NIL NIL)""");
        var odd = (BodyPartText)ParseBodyStructure("""("Text" "pl\"ain" ("charset" "utf-8x") NIL NIL "7bit" 12 1 NIL NIL NIL NIL)""");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.ContentType.MimeType, Is.EqualTo("text/plain"));
            Assert.That(first.ContentType.Charset, Is.EqualTo("utf-8"));
            Assert.That(first.ContentTransferEncoding, Is.EqualTo("7BIT"), "encodings are upper-cased");
            Assert.That(second.ContentType.MediaSubtype, Is.SameAs(first.ContentType.MediaSubtype), "one shared \"plain\"");
            Assert.That(second.ContentType.Charset, Is.SameAs(first.ContentType.Charset), "one shared \"utf-8\"");
            Assert.That(second.ContentTransferEncoding, Is.SameAs(first.ContentTransferEncoding), "one shared \"7BIT\"");
            Assert.That(upper.ContentType.MediaSubtype, Is.SameAs(first.ContentType.MediaSubtype), "\"PLAIN\" lower-cased to the shared \"plain\"");
            Assert.That(upper.ContentTransferEncoding, Is.SameAs(first.ContentTransferEncoding), "\"7BIT\" as sent is the shared one too");
            Assert.That(odd.ContentType.MediaType, Is.EqualTo("text"), "media types are lower-cased");
            Assert.That(odd.ContentType.MediaSubtype, Is.EqualTo("pl\"ain"));
            Assert.That(odd.ContentType.Charset, Is.EqualTo("utf-8x"));
        }
    }

    [Test]
    public void Nested_multiparts_and_an_attached_message_get_the_right_specifier_at_every_level()
    {
        var root = ParseBodyStructure(
            """((("TEXT" "PLAIN" ("CHARSET" "UTF-8") NIL NIL "QUOTED-PRINTABLE" 120 4 NIL NIL NIL NIL)("TEXT" "HTML" ("CHARSET" "UTF-8") NIL NIL "QUOTED-PRINTABLE" 480 12 NIL NIL NIL NIL) "ALTERNATIVE" ("BOUNDARY" "alt") NIL NIL NIL)("MESSAGE" "RFC822" NIL NIL "Forwarded" "7BIT" 5000 ("Mon, 2 Sep 2024 10:00:00 +0200" "Inner" (("Eve" NIL "eve" "example.net")) NIL NIL (("Bob" NIL "bob" "example.com")) NIL NIL NIL "<inner@example.net>") (("TEXT" "PLAIN" ("CHARSET" "US-ASCII") NIL NIL "7BIT" 20 1 NIL NIL NIL NIL)("IMAGE" "PNG" ("NAME" "dot.png") "<dot@example.net>" NIL "BASE64" 3000 NIL ("INLINE" ("FILENAME" "dot.png")) NIL NIL) "MIXED" ("BOUNDARY" "inner") NIL NIL NIL) 80 NIL ("ATTACHMENT" ("FILENAME" "fwd.eml")) NIL NIL)("APPLICATION" "PDF" ("NAME" "report.pdf") NIL NIL "BASE64" 123456789012 NIL ("ATTACHMENT" ("FILENAME" "report.pdf")) NIL NIL) "MIXED" ("BOUNDARY" "outer") NIL NIL NIL)""");

        var mixed = AssertPart<BodyPartMultipart>(root, "multipart/mixed", "");
        Assert.That(mixed.ContentType.Boundary, Is.EqualTo("outer"));
        Assert.That(mixed.Parts, Has.Count.EqualTo(3));

        var alternative = AssertPart<BodyPartMultipart>(mixed.Parts[0], "multipart/alternative", "1");
        Assert.That(alternative.ContentType.Boundary, Is.EqualTo("alt"));
        Assert.That(alternative.Parts, Has.Count.EqualTo(2));
        var plain = AssertPart<BodyPartText>(alternative.Parts[0], "text/plain", "1.1");
        var html = AssertPart<BodyPartText>(alternative.Parts[1], "text/html", "1.2");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(plain.ContentType.Charset, Is.EqualTo("UTF-8"));
            Assert.That(plain.ContentTransferEncoding, Is.EqualTo("QUOTED-PRINTABLE"));
            Assert.That(plain.Octets, Is.EqualTo(120));
            Assert.That(plain.Lines, Is.EqualTo(4));
            Assert.That(html.Octets, Is.EqualTo(480));
            Assert.That(html.Lines, Is.EqualTo(12));
        }

        var attached = AssertPart<BodyPartMessage>(mixed.Parts[1], "message/rfc822", "2");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(attached.ContentDescription, Is.EqualTo("Forwarded"));
            Assert.That(attached.Octets, Is.EqualTo(5000));
            Assert.That(attached.Lines, Is.EqualTo(80));
            Assert.That(attached.ContentDisposition!.Disposition, Is.EqualTo("attachment"));
            Assert.That(attached.ContentDisposition.FileName, Is.EqualTo("fwd.eml"));
            Assert.That(attached.Envelope!.Subject, Is.EqualTo("Inner"));
            AssertSingleMailbox(attached.Envelope.From, "Eve", "eve@example.net");
            AssertSingleMailbox(attached.Envelope.To, "Bob", "bob@example.com");
            Assert.That(attached.Envelope.MessageId, Is.EqualTo("<inner@example.net>"));
        }

        // The attached message's multipart body answers to the message part's own specifier; its children are 2.n.
        var inner = AssertPart<BodyPartMultipart>(attached.Body, "multipart/mixed", "2");
        Assert.That(inner.ContentType.Boundary, Is.EqualTo("inner"));
        Assert.That(inner.Parts, Has.Count.EqualTo(2));
        var innerText = AssertPart<BodyPartText>(inner.Parts[0], "text/plain", "2.1");
        var png = AssertPart<BodyPartBasic>(inner.Parts[1], "image/png", "2.2");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(innerText.Octets, Is.EqualTo(20));
            Assert.That(innerText.Lines, Is.EqualTo(1));
            Assert.That(png.ContentId, Is.EqualTo("<dot@example.net>"));
            Assert.That(png.ContentType.Name, Is.EqualTo("dot.png"));
            Assert.That(png.ContentTransferEncoding, Is.EqualTo("BASE64"));
            Assert.That(png.Octets, Is.EqualTo(3000));
            Assert.That(png.ContentDisposition!.Disposition, Is.EqualTo("inline"));
            Assert.That(png.ContentDisposition.FileName, Is.EqualTo("dot.png"));
        }

        var pdf = AssertPart<BodyPartBasic>(mixed.Parts[2], "application/pdf", "3");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(pdf.Octets, Is.EqualTo(123456789012L));
            Assert.That(pdf.ContentType.Name, Is.EqualTo("report.pdf"));
            Assert.That(pdf.ContentDisposition!.IsAttachment, Is.True);
            Assert.That(pdf.ContentDisposition.FileName, Is.EqualTo("report.pdf"));
        }
    }

    [Test]
    public void The_single_part_body_of_an_attached_message_is_its_part_number_dot_1()
    {
        var root = ParseBodyStructure(
            """(("TEXT" "PLAIN" NIL NIL NIL "7BIT" 10 1)("MESSAGE" "RFC822" NIL NIL NIL "7BIT" 300 (NIL "Hi" NIL NIL NIL NIL NIL NIL NIL NIL) ("TEXT" "PLAIN" ("CHARSET" "UTF-8") NIL NIL "8BIT" 42 3) 9) "MIXED")""",
            "BODY");
        var mixed = AssertPart<BodyPartMultipart>(root, "multipart/mixed", "");
        Assert.That(mixed.Parts, Has.Count.EqualTo(2));
        AssertPart<BodyPartText>(mixed.Parts[0], "text/plain", "1");
        var attached = AssertPart<BodyPartMessage>(mixed.Parts[1], "message/rfc822", "2");
        Assert.That(attached.Envelope!.Subject, Is.EqualTo("Hi"));
        Assert.That(attached.Lines, Is.EqualTo(9));
        var body = AssertPart<BodyPartText>(attached.Body, "text/plain", "2.1");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(body.ContentType.Charset, Is.EqualTo("UTF-8"));
            Assert.That(body.ContentTransferEncoding, Is.EqualTo("8BIT"));
            Assert.That(body.Octets, Is.EqualTo(42));
            Assert.That(body.Lines, Is.EqualTo(3));
        }
    }

    [Test]
    public void A_message_whose_only_part_is_an_attached_message_numbers_the_inner_parts_1_dot_n()
    {
        var root = ParseBodyStructure(
            """("MESSAGE" "GLOBAL" NIL NIL NIL "8BIT" 900 (NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL) (("TEXT" "PLAIN" NIL NIL NIL "7BIT" 1 1)("TEXT" "HTML" NIL NIL NIL "7BIT" 2 1) "ALTERNATIVE") 30)""");
        var attached = AssertPart<BodyPartMessage>(root, "message/global", "1");
        Assert.That(attached.Lines, Is.EqualTo(30));
        AssertAllNil(attached.Envelope);
        var alternative = AssertPart<BodyPartMultipart>(attached.Body, "multipart/alternative", "1");
        AssertPart<BodyPartText>(alternative.Parts[0], "text/plain", "1.1");
        AssertPart<BodyPartText>(alternative.Parts[1], "text/html", "1.2");
    }

    [Test]
    public void Without_extension_data_every_extension_property_is_null()
    {
        var root = ParseBodyStructure(
            """(("TEXT" "PLAIN" ("CHARSET" "US-ASCII") NIL NIL "7BIT" 10 1)("APPLICATION" "ZIP" NIL NIL NIL "BASE64" 20) "MIXED")""",
            "BODY");
        var mixed = AssertPart<BodyPartMultipart>(root, "multipart/mixed", "");
        Assert.That(mixed.ContentType.Parameters, Is.Empty);
        foreach (var part in new[] { mixed, mixed.Parts[0], mixed.Parts[1] })
        {
            using (Assert.EnterMultipleScope())
            {
                Assert.That(part.ContentDisposition, Is.Null);
                Assert.That(part.ContentLanguage, Is.Null);
                Assert.That(part.ContentLocation, Is.Null);
            }
        }

        var zip = AssertPart<BodyPartBasic>(mixed.Parts[1], "application/zip", "2");
        Assert.That(zip.ContentMd5, Is.Null);
        Assert.That(zip.Octets, Is.EqualTo(20));
    }

    [Test]
    public void Extension_data_is_read_and_unknown_extensions_after_it_are_skipped()
    {
        var root = ParseBodyStructure(
            """(("TEXT" "PLAIN" ("CHARSET" "US-ASCII" "FORMAT" "flowed") "<id@x>" "A note" "7BIT" 10 1 "Q2hlY2sgSW50ZWdyaXR5IQ==" ("ATTACHMENT" ("FILENAME" "a.txt" "SIZE" "10")) "EN" "http://example.com/a.txt" "future" (1 ("x" NIL)) 5) "MIXED" ("BOUNDARY" "b") ("INLINE" NIL) ("EN" "DE") "http://example.com/" NIL ("more"))""");
        var mixed = AssertPart<BodyPartMultipart>(root, "multipart/mixed", "");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(mixed.ContentType.Boundary, Is.EqualTo("b"));
            Assert.That(mixed.ContentDisposition!.Disposition, Is.EqualTo("inline"));
            Assert.That(mixed.ContentDisposition.Parameters, Is.Empty);
            Assert.That(mixed.ContentLanguage, Is.EqualTo(new[] { "EN", "DE" }));
            Assert.That(mixed.ContentLocation, Is.EqualTo("http://example.com/"));
        }

        var text = AssertPart<BodyPartText>(mixed.Parts.Single(), "text/plain", "1");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(text.ContentType.Charset, Is.EqualTo("US-ASCII"));
            Assert.That(text.ContentType.Format, Is.EqualTo("flowed"));
            Assert.That(text.ContentId, Is.EqualTo("<id@x>"));
            Assert.That(text.ContentDescription, Is.EqualTo("A note"));
            Assert.That(text.ContentMd5, Is.EqualTo("Q2hlY2sgSW50ZWdyaXR5IQ=="));
            Assert.That(text.ContentDisposition!.Disposition, Is.EqualTo("attachment"));
            Assert.That(text.ContentDisposition.FileName, Is.EqualTo("a.txt"));
            Assert.That(text.ContentDisposition.Parameters["size"], Is.EqualTo("10"));
            Assert.That(text.ContentLanguage, Is.EqualTo(new[] { "EN" }));
            Assert.That(text.ContentLocation, Is.EqualTo("http://example.com/a.txt"));
        }
    }

    [Test]
    public void RFC_2231_and_RFC_2047_parameter_values_are_decoded()
    {
        var root = ParseBodyStructure(
            """("APPLICATION" "PDF" ("NAME*" "utf-8''%E2%82%AC%20rate.pdf" "X-TITLE" "=?UTF-8?B?4oKsLnBkZg==?=") NIL "=?UTF-8?Q?Pr=C3=A9sentation?=" "BASE64" 100 NIL ("ATTACHMENT" ("FILENAME*0*" "utf-8''%E2%82" "FILENAME*1*" "%AC" "FILENAME*2" " x.pdf")) NIL NIL)""");
        var pdf = AssertPart<BodyPartBasic>(root, "application/pdf", "1");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(pdf.ContentType.Name, Is.EqualTo("€ rate.pdf"));
            Assert.That(pdf.ContentType.Parameters["x-title"], Is.EqualTo("€.pdf"));
            Assert.That(pdf.ContentDescription, Is.EqualTo("Présentation"));
            Assert.That(pdf.ContentDisposition!.FileName, Is.EqualTo("€ x.pdf"));
        }
    }

    [Test]
    public void Upper_case_names_NIL_sizes_and_double_spaces_are_tolerated()
    {
        var root = ParseBodyStructure(
            """(("TEXT"  "PLAIN"  NIL  NIL  NIL  "7bit"  NIL  NIL)  ("APPLICATION" "OCTET-STREAM" NIL NIL NIL "BASE64" NIL)  "MIXED"  NIL)""");
        var mixed = AssertPart<BodyPartMultipart>(root, "multipart/mixed", "");
        var text = AssertPart<BodyPartText>(mixed.Parts[0], "text/plain", "1");
        var binary = AssertPart<BodyPartBasic>(mixed.Parts[1], "application/octet-stream", "2");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(text.ContentTransferEncoding, Is.EqualTo("7BIT"));
            Assert.That(text.Octets, Is.Zero);
            Assert.That(text.Lines, Is.Zero);
            Assert.That(binary.Octets, Is.Zero);
            Assert.That(mixed.ContentType.Parameters, Is.Empty);
        }
    }

    [Test]
    public void A_bare_string_disposition_is_accepted_when_it_is_an_atom_and_ignored_otherwise()
    {
        var root = ParseBodyStructure(
            """(("TEXT" "PLAIN" NIL NIL NIL "7BIT" 1 1 NIL "inline" NIL NIL)("TEXT" "PLAIN" NIL NIL NIL "7BIT" 1 1 NIL "not a disposition" NIL NIL) "MIXED" NIL "Some description" NIL)""");
        var mixed = AssertPart<BodyPartMultipart>(root, "multipart/mixed", "");
        Assert.That(mixed.ContentDisposition, Is.Null);
        Assert.That(mixed.Parts[0].ContentDisposition!.Disposition, Is.EqualTo("inline"));
        Assert.That(mixed.Parts[0].ContentDisposition!.Parameters, Is.Empty);
        Assert.That(mixed.Parts[1].ContentDisposition, Is.Null);
    }

    [Test]
    public void Multiparts_without_children_are_kept_as_empty_multiparts()
    {
        var root = ParseBodyStructure(
            """(("ALTERNATIVE")("RELATED" NIL ("ATTACHMENT" NIL) NIL)("ALTERNATIVE" ("BOUNDARY" "x") NIL NIL)("TEXT" "PLAIN" NIL NIL NIL "7BIT" 1 1) "MIXED")""");
        var mixed = AssertPart<BodyPartMultipart>(root, "multipart/mixed", "");
        Assert.That(mixed.Parts, Has.Count.EqualTo(4));
        var first = AssertPart<BodyPartMultipart>(mixed.Parts[0], "multipart/alternative", "1");
        var second = AssertPart<BodyPartMultipart>(mixed.Parts[1], "multipart/related", "2");
        var third = AssertPart<BodyPartMultipart>(mixed.Parts[2], "multipart/alternative", "3");
        AssertPart<BodyPartText>(mixed.Parts[3], "text/plain", "4");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Parts, Is.Empty);
            Assert.That(second.Parts, Is.Empty);
            Assert.That(second.ContentDisposition!.IsAttachment, Is.True);
            Assert.That(third.Parts, Is.Empty);
            Assert.That(third.ContentType.Boundary, Is.EqualTo("x"));
        }
    }

    [Test]
    public void An_attached_message_with_an_empty_body_list_has_a_null_Body()
    {
        var root = ParseBodyStructure(
            """("MESSAGE" "RFC822" NIL NIL NIL "7BIT" 787 (NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL) () 0 NIL NIL NIL)""");
        var attached = AssertPart<BodyPartMessage>(root, "message/rfc822", "1");
        Assert.That(attached.Body, Is.Null);
        Assert.That(attached.Octets, Is.EqualTo(787));
        Assert.That(attached.Lines, Is.Zero);
        AssertAllNil(attached.Envelope);
    }

    [Test]
    public void A_message_part_sent_without_envelope_and_body_is_read_as_a_basic_part()
    {
        var root = ParseBodyStructure("""("MESSAGE" "RFC822" NIL NIL NIL "7BIT" 787 "md5sum" ("ATTACHMENT" NIL) NIL NIL)""");
        var attached = AssertPart<BodyPartMessage>(root, "message/rfc822", "1");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(attached.Envelope, Is.Null);
            Assert.That(attached.Body, Is.Null);
            Assert.That(attached.Octets, Is.EqualTo(787));
            Assert.That(attached.ContentMd5, Is.EqualTo("md5sum"));
            Assert.That(attached.ContentDisposition!.IsAttachment, Is.True);
        }
    }

    [Test]
    public void An_empty_body_structure_gives_an_empty_top_level_multipart()
    {
        var root = ParseBodyStructure("()");
        var multipart = AssertPart<BodyPartMultipart>(root, "multipart/mixed", "");
        Assert.That(multipart.Parts, Is.Empty);
    }

    [Test]
    public void Twenty_nested_multiparts_stay_within_the_nesting_limit()
    {
        var body = string.Concat(Enumerable.Repeat("(", 20)) + "(\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 1 1)"
            + string.Concat(Enumerable.Repeat(" \"MIXED\")", 20));
        var part = ParseBodyStructure(body);
        var specifier = "";
        for (var level = 0; level < 20; level++)
        {
            part = AssertPart<BodyPartMultipart>(part, "multipart/mixed", specifier).Parts.Single();
            specifier = specifier.Length == 0 ? "1" : specifier + ".1";
        }

        AssertPart<BodyPartText>(part, "text/plain", specifier);
    }

    [Test]
    public void Ten_thousand_nested_parentheses_in_a_BODYSTRUCTURE_raise_an_ImapProtocolException()
    {
        var response = "* 1 FETCH (BODYSTRUCTURE " + new string('(', 10_000) + new string(')', 10_000) + ")\r\n";
        Assert.That(() => ResponseParser.Parse(Sequence(response), ImapLimits.Default), Throws.TypeOf<ImapProtocolException>());
    }

    [Test]
    public void Ten_thousand_nested_parentheses_in_an_extension_raise_an_ImapProtocolException()
    {
        var response = "* 1 FETCH (BODYSTRUCTURE (\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 1 1 NIL NIL NIL NIL "
            + new string('(', 10_000) + new string(')', 10_000) + "))\r\n";
        Assert.That(() => ResponseParser.Parse(Sequence(response), ImapLimits.Default), Throws.TypeOf<ImapProtocolException>());
    }

    [Test]
    public void A_thousand_nested_attached_messages_raise_an_ImapProtocolException()
    {
        const string Open = "(\"MESSAGE\" \"RFC822\" NIL NIL NIL \"7BIT\" 1 (NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL) ";
        var response = "* 1 FETCH (BODYSTRUCTURE " + string.Concat(Enumerable.Repeat(Open, 1_000))
            + "(\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 1 1)" + string.Concat(Enumerable.Repeat(" 1)", 1_000)) + ")\r\n";
        Assert.That(() => ResponseParser.Parse(Sequence(response), ImapLimits.Default), Throws.TypeOf<ImapProtocolException>());
    }

    [Test]
    public void Specifiers_past_the_shared_ones_are_spelled_right_and_the_common_ones_are_one_string()
    {
        const string Leaf = "(\"text\" \"plain\" NIL NIL NIL \"7bit\" 1 1)";
        var ten = "(" + string.Concat(Enumerable.Repeat(Leaf, 10)) + " \"mixed\")";
        var deep = "((" + Leaf + Leaf + " \"alternative\") " + ten + " \"mixed\")";
        var top = "(" + string.Concat(Enumerable.Repeat(Leaf, 32)) + deep + " \"mixed\")";

        var first = (BodyPartMultipart)ParseBodyStructure(top);
        var second = (BodyPartMultipart)ParseBodyStructure(top);
        var nested = (BodyPartMultipart)first.Parts[32];
        var inner = (BodyPartMultipart)nested.Parts[0];
        var tenth = (BodyPartMultipart)nested.Parts[1];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Parts.Select(p => p.PartSpecifier), Is.EqualTo(Enumerable.Range(1, 33).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
            Assert.That(inner.Parts.Select(p => p.PartSpecifier), Is.EqualTo(new[] { "33.1.1", "33.1.2" }));
            Assert.That(tenth.PartSpecifier, Is.EqualTo("33.2"));
            Assert.That(tenth.Parts.Select(p => p.PartSpecifier), Is.EqualTo(Enumerable.Range(1, 10).Select(i => $"33.2.{i}")));
            Assert.That(second.Parts[0].PartSpecifier, Is.SameAs(first.Parts[0].PartSpecifier), "one shared \"1\"");
            Assert.That(second.Parts[31].PartSpecifier, Is.SameAs(first.Parts[31].PartSpecifier), "one shared \"32\"");
        }

        var two = (BodyPartMultipart)ParseBodyStructure("(" + Leaf + "(" + string.Concat(Enumerable.Repeat(Leaf, 10)) + " \"mixed\") \"mixed\")");
        var again = (BodyPartMultipart)ParseBodyStructure("(" + Leaf + "(" + string.Concat(Enumerable.Repeat(Leaf, 10)) + " \"mixed\") \"mixed\")");
        var children = ((BodyPartMultipart)two.Parts[1]).Parts;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(children.Select(p => p.PartSpecifier), Is.EqualTo(Enumerable.Range(1, 10).Select(i => $"2.{i}")));
            Assert.That(((BodyPartMultipart)again.Parts[1]).Parts[8].PartSpecifier, Is.SameAs(children[8].PartSpecifier), "one shared \"2.9\"");
        }
    }
}
