using System.Text.Json;
using Gatekeeper.Audit.Chain;

namespace Gatekeeper.Audit.Export;

/// <summary>
/// A fast path for the one line shape that makes up almost all of an export: an entry exactly as
/// <see cref="AuditExportWriter"/> writes it. Anything else (other casing, unknown properties, other line types)
/// returns false and goes through the general deserializer, which also reports malformed lines.
/// </summary>
internal static class EntryLineParser
{
    public static bool TryParse(ReadOnlySpan<byte> line, out ChainedEntry? entry)
    {
        entry = null;
        var reader = new Utf8JsonReader(line);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            var isEntry = false;
            long? sequence = null;
            AuditRecord? record = null;
            string? previous = null, hash = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    if (!reader.Read() || !reader.ValueTextEquals("entry"u8)) return false;
                    isEntry = true;
                }
                else if (reader.ValueTextEquals("sequence"u8))
                {
                    if (!reader.Read() || reader.TokenType != JsonTokenType.Number) return false;
                    sequence = reader.GetInt64();
                }
                else if (reader.ValueTextEquals("record"u8))
                {
                    if (!reader.Read() || (record = ReadRecord(ref reader)) is null) return false;
                }
                else if (reader.ValueTextEquals("previousHash"u8))
                {
                    if ((previous = ReadString(ref reader)) is null) return false;
                }
                else if (reader.ValueTextEquals("hash"u8))
                {
                    if ((hash = ReadString(ref reader)) is null) return false;
                }
                else
                {
                    return false;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || !isEntry || sequence is null || record is null || previous is null || hash is null) return false;
            entry = new ChainedEntry(sequence.Value, record, previous, hash);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static AuditRecord? ReadRecord(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject) return null;
        DateTimeOffset? at = null;
        string? actorId = null, actorRole = null, organisation = null, action = null, subjectType = null, reason = null, client = null;
        List<string>? subjectIds = null;
        Dictionary<string, string>? details = null;
        var outcome = AuditOutcome.Succeeded;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("at"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.String) return null;
                at = reader.GetDateTimeOffset();
            }
            else if (reader.ValueTextEquals("actorId"u8)) { if (!ReadOptional(ref reader, out actorId)) return null; }
            else if (reader.ValueTextEquals("actorRole"u8)) { if (!ReadOptional(ref reader, out actorRole)) return null; }
            else if (reader.ValueTextEquals("organisationId"u8)) { if (!ReadOptional(ref reader, out organisation)) return null; }
            else if (reader.ValueTextEquals("action"u8)) { if (!ReadOptional(ref reader, out action)) return null; }
            else if (reader.ValueTextEquals("subjectType"u8)) { if (!ReadOptional(ref reader, out subjectType)) return null; }
            else if (reader.ValueTextEquals("reason"u8)) { if (!ReadOptional(ref reader, out reason)) return null; }
            else if (reader.ValueTextEquals("clientAddress"u8)) { if (!ReadOptional(ref reader, out client)) return null; }
            else if (reader.ValueTextEquals("outcome"u8))
            {
                if (!reader.Read()) return null;
                if (reader.ValueTextEquals("Succeeded"u8)) outcome = AuditOutcome.Succeeded;
                else if (reader.ValueTextEquals("Refused"u8)) outcome = AuditOutcome.Refused;
                else if (reader.ValueTextEquals("Failed"u8)) outcome = AuditOutcome.Failed;
                else return null;
            }
            else if (reader.ValueTextEquals("subjectIds"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray) return null;
                subjectIds = [];
                while (reader.Read() && reader.TokenType == JsonTokenType.String) subjectIds.Add(reader.GetString()!);
                if (reader.TokenType != JsonTokenType.EndArray) return null;
            }
            else if (reader.ValueTextEquals("details"u8))
            {
                if (!reader.Read()) return null;
                if (reader.TokenType == JsonTokenType.Null) continue;
                if (reader.TokenType != JsonTokenType.StartObject) return null;
                details = new Dictionary<string, string>(StringComparer.Ordinal);
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var key = reader.GetString()!;
                    if (!reader.Read() || reader.TokenType != JsonTokenType.String || !details.TryAdd(key, reader.GetString()!)) return null;
                }

                if (reader.TokenType != JsonTokenType.EndObject) return null;
            }
            else
            {
                return null;
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || at is null || actorId is null || action is null) return null;
        return new AuditRecord
        {
            At = at.Value, ActorId = actorId, ActorRole = actorRole, OrganisationId = organisation, Action = action, SubjectType = subjectType,
            SubjectIds = subjectIds ?? [], Outcome = outcome, Reason = reason, ClientAddress = client, Details = details,
        };
    }

    private static string? ReadString(ref Utf8JsonReader reader) =>
        reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString() : null;

    private static bool ReadOptional(ref Utf8JsonReader reader, out string? value)
    {
        value = null;
        if (!reader.Read()) return false;
        if (reader.TokenType == JsonTokenType.Null) return true;
        if (reader.TokenType != JsonTokenType.String) return false;
        value = reader.GetString();
        return true;
    }
}
