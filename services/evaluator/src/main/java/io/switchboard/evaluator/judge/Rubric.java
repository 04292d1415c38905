package io.switchboard.evaluator.judge;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

import org.hibernate.annotations.ColumnDefault;

/**
 * One version of one judge: a single rubric criterion, the prompt that asks it, its scale and pass mark, and the
 * model alias that answers it. Versions are never edited: a change is a new version, so scores of different
 * prompts are never mixed (the version is the scores' {@code scorer_version}). The newest version of a criterion
 * that is not retired is the one in use.
 */
@Entity
@Table(name = "judge_rubrics", uniqueConstraints = @UniqueConstraint(name = "judge_rubrics_criterion_version",
        columnNames = { "criterion", "version" }))
public class Rubric {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 48)
    public String criterion;

    @Column(nullable = false)
    public int version;

    /** The judge's instructions, with {@code {{prompt}}} and {@code {{answer}}} where the job's are put. */
    @Column(nullable = false, columnDefinition = "text")
    public String template;

    @Column(name = "scale_min", nullable = false)
    public double scaleMin;

    @Column(name = "scale_max", nullable = false)
    public double scaleMax;

    /** The least score, on the scale, that passes. */
    @Column(name = "pass_mark", nullable = false)
    public double passMark;

    /** The model alias (route) the judge is asked on, through the gateway. */
    @Column(name = "judge_model", nullable = false, length = 256)
    public String judgeModel;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Set on every version of a criterion taken out of use. */
    @Column(name = "retired_at")
    public Instant retiredAt;

    /**
     * {@code pointwise}: one answer scored on the scale; {@code pairwise}: the answers of two variants of a route to
     * the same prompt compared, in both orders.
     */
    @Column(nullable = false, length = 16)
    @ColumnDefault("'pointwise'")
    public String kind = POINTWISE;

    /** A pairwise judge's route, and the two variants of it that it compares. */
    @Column(length = 256)
    public String route;

    @Column(name = "variant_a", length = 128)
    public String variantA;

    @Column(name = "variant_b", length = 128)
    public String variantB;

    public static final String POINTWISE = "pointwise";
    public static final String PAIRWISE = "pairwise";

    public boolean pairwise() {
        return PAIRWISE.equals(kind);
    }

    /** The check name of this judge's scores. */
    public String checkName() {
        return pairwise() ? JudgeChecks.pairwiseName(criterion) : JudgeChecks.checkName(criterion);
    }

    /** Whether a pairwise judge compares this job: one of its route's two variants, with a prompt to ask again. */
    public boolean compares(String jobRoute, String jobVariant) {
        return pairwise() && route.equals(jobRoute) && (variantA.equals(jobVariant) || variantB.equals(jobVariant));
    }

    /** The variant a job of {@code variant} is compared with. */
    public String opponentOf(String variant) {
        return variantA.equals(variant) ? variantB : variantA;
    }

    /** A score on the rubric's scale, as a share of it: 0 at the bottom, 1 at the top. */
    public double normalized(double score) {
        return (score - scaleMin) / (scaleMax - scaleMin);
    }

    public boolean passes(double score) {
        return score >= passMark;
    }

    public boolean onScale(double score) {
        return score >= scaleMin && score <= scaleMax;
    }
}
