package org.physicsofai.atlas.ontology;

import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;

/**
 * Constants for every term of the Atlas ontology ({@code atlas.ttl}). {@code AtlasVocabularyTest}
 * keeps this class and the Turtle in step. A Java keyword gets a trailing underscore ({@link
 * #import_}).
 */
public final class Atlas {

    public static final String NS = "https://w3id.org/physics-of-ai/atlas#";
    public static final String ONTOLOGY_IRI = "https://w3id.org/physics-of-ai/atlas";

    // Classes
    public static final Resource Phenomenon = resource("Phenomenon");
    public static final Resource Observable = resource("Observable");
    public static final Resource Experiment = resource("Experiment");
    public static final Resource Run = resource("Run");
    public static final Resource Model = resource("Model");
    public static final Resource Task = resource("Task");
    public static final Resource Dataset = resource("Dataset");
    public static final Resource Variable = resource("Variable");
    public static final Resource ConfigSetting = resource("ConfigSetting");
    public static final Resource Series = resource("Series");
    public static final Resource LogFile = resource("LogFile");
    public static final Resource Observation = resource("Observation");
    public static final Resource Claim = resource("Claim");
    public static final Resource Law = resource("Law");
    public static final Resource LawParameter = resource("LawParameter");
    public static final Resource Detector = resource("Detector");
    public static final Resource LawCheck = resource("LawCheck");
    public static final Resource LawCheckPlan = resource("LawCheckPlan");
    public static final Resource RegimeCondition = resource("RegimeCondition");
    public static final Resource Contradiction = resource("Contradiction");
    public static final Resource Insight = resource("Insight");
    public static final Resource Source = resource("Source");
    public static final Resource Agent = resource("Agent");
    public static final Resource Contribution = resource("Contribution");
    public static final Resource ContributionStatus = resource("ContributionStatus");
    public static final Resource ContributionMethod = resource("ContributionMethod");
    public static final Resource Certainty = resource("Certainty");
    public static final Resource Verification = resource("Verification");
    public static final Resource Verdict = resource("Verdict");

    // Individuals
    public static final Resource pending = resource("pending");
    public static final Resource accepted = resource("accepted");
    public static final Resource superseded = resource("superseded");
    public static final Resource retracted = resource("retracted");
    public static final Resource manual = resource("manual");
    public static final Resource import_ = resource("import");
    public static final Resource detector = resource("detector");
    public static final Resource seed = resource("seed");
    public static final Resource established = resource("established");
    public static final Resource probable = resource("probable");
    public static final Resource tentative = resource("tentative");
    public static final Resource speculative = resource("speculative");
    public static final Resource verified = resource("verified");
    public static final Resource unverified = resource("unverified");
    public static final Resource consistent = resource("consistent");
    public static final Resource inconsistent = resource("inconsistent");
    public static final Resource inconclusive = resource("inconclusive");
    public static final Resource notTestable = resource("notTestable");

    // Properties
    public static final Property evidence = property("evidence");
    public static final Property supports = property("supports");
    public static final Property disputes = property("disputes");
    public static final Property refines = property("refines");
    public static final Property explains = property("explains");
    public static final Property qualifies = property("qualifies");
    public static final Property tracks = property("tracks");
    public static final Property exhibits = property("exhibits");
    public static final Property partOf = property("partOf");
    public static final Property usesModel = property("usesModel");
    public static final Property onTask = property("onTask");
    public static final Property usesDataset = property("usesDataset");
    public static final Property varies = property("varies");
    public static final Property holdsFixed = property("holdsFixed");
    public static final Property hasConfig = property("hasConfig");
    public static final Property variable = property("variable");
    public static final Property configKey = property("configKey");
    public static final Property configValue = property("configValue");
    public static final Property valueNotSet = property("valueNotSet");
    public static final Property observable = property("observable");
    public static final Property run = property("run");
    public static final Property series = property("series");
    public static final Property detectedBy = property("detectedBy");
    public static final Property indicates = property("indicates");
    public static final Property about = property("about");
    public static final Property source = property("source");
    public static final Property checksLaw = property("checksLaw");
    public static final Property fittedParameter = property("fittedParameter");
    public static final Property usesData = property("usesData");
    public static final Property plansCheckOf = property("plansCheckOf");
    public static final Property checkedAgainst = property("checkedAgainst");
    public static final Property checkedPerValueOf = property("checkedPerValueOf");
    public static final Property boundTo = property("boundTo");
    public static final Property followsPlan = property("followsPlan");
    public static final Property regimeCondition = property("regimeCondition");
    public static final Property atLeast = property("atLeast");
    public static final Property greaterThan = property("greaterThan");
    public static final Property atMost = property("atMost");
    public static final Property lessThan = property("lessThan");
    public static final Property oneOf = property("oneOf");
    public static final Property outsideRegime = property("outsideRegime");
    public static final Property rSquared = property("rSquared");
    public static final Property explanation = property("explanation");
    public static final Property hasParameter = property("hasParameter");
    public static final Property computation = property("computation");
    public static final Property unit = property("unit");
    public static final Property minValue = property("minValue");
    public static final Property maxValue = property("maxValue");
    public static final Property value = property("value");
    public static final Property uncertainty = property("uncertainty");
    public static final Property step = property("step");
    public static final Property event = property("event");
    public static final Property statement = property("statement");
    public static final Property certainty = property("certainty");
    public static final Property negated = property("negated");
    public static final Property regime = property("regime");
    public static final Property formula = property("formula");
    public static final Property symbol = property("symbol");
    public static final Property version = property("version");
    public static final Property verdict = property("verdict");
    public static final Property text = property("text");
    public static final Property authors = property("authors");
    public static final Property arxivId = property("arxivId");
    public static final Property doi = property("doi");
    public static final Property venue = property("venue");
    public static final Property verification = property("verification");
    public static final Property orcid = property("orcid");
    public static final Property runStatus = property("runStatus");
    public static final Property metricKey = property("metricKey");
    public static final Property pointCount = property("pointCount");
    public static final Property firstStep = property("firstStep");
    public static final Property lastStep = property("lastStep");
    public static final Property lowestValue = property("lowestValue");
    public static final Property highestValue = property("highestValue");
    public static final Property lastValue = property("lastValue");
    public static final Property filePath = property("filePath");
    public static final Property fileHash = property("fileHash");
    public static final Property fileFormat = property("fileFormat");
    public static final Property status = property("status");
    public static final Property method = property("method");
    public static final Property contentHash = property("contentHash");
    public static final Property sourceFile = property("sourceFile");
    public static final Property sourceHash = property("sourceHash");
    public static final Property tripleCount = property("tripleCount");
    public static final Property supersedes = property("supersedes");
    public static final Property reviewedBy = property("reviewedBy");
    public static final Property reviewedAt = property("reviewedAt");
    public static final Property statusReason = property("statusReason");

    // Sweeps and preregistered predictions
    public static final Resource Sweep = resource("Sweep");
    public static final Resource SweepCell = resource("SweepCell");
    public static final Resource Prediction = resource("Prediction");
    public static final Resource PhaseExpectation = resource("PhaseExpectation");
    public static final Resource PredictionScore = resource("PredictionScore");
    public static final Property studies = property("studies");
    public static final Property sweepOf = property("sweepOf");
    public static final Property inSweep = property("inSweep");
    public static final Property producedRun = property("producedRun");
    public static final Property predictionFor = property("predictionFor");
    public static final Property expects = property("expects");
    public static final Property cell = property("cell");
    public static final Property expectedPhase = property("expectedPhase");
    public static final Property lockHash = property("lockHash");
    public static final Property lockedBy = property("lockedBy");
    public static final Property lockedAt = property("lockedAt");
    public static final Property preregistered = property("preregistered");
    public static final Property minimumAgreement = property("minimumAgreement");
    public static final Property scores = property("scores");
    public static final Property agreement = property("agreement");
    public static final Property agreeingCell = property("agreeingCell");
    public static final Property disagreeingCell = property("disagreeingCell");

    private Atlas() {}

    private static Resource resource(String localName) {
        return ResourceFactory.createResource(NS + localName);
    }

    private static Property property(String localName) {
        return ResourceFactory.createProperty(NS, localName);
    }
}
