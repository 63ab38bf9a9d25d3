package dk.overgang.database;

import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.beans.BeanProperty;
import io.micronaut.core.order.Ordered;
import io.micronaut.data.annotation.event.PrePersist;
import io.micronaut.data.event.EntityEventContext;
import io.micronaut.data.event.EntityEventListener;
import io.micronaut.data.model.runtime.RuntimePersistentEntity;
import jakarta.inject.Singleton;
import java.lang.annotation.Annotation;

/**
 * The stored version is the API's versionId (issue 26), and the API counts from 1. Micronaut Data's
 * {@code @Version} support starts every new entity at 0 (its {@code VersionGeneratingEntityEventListener}
 * has no setting for this), and then does the rest as we want: each update stores n + 1 where the
 * row is still n. This listener runs after it on insert and sets the first version to 1, so no code
 * adds or takes 1 anywhere. Written here because Micronaut Data offers no initial-value option; it
 * uses Micronaut Data's own entity event hook, ordered last.
 */
@Singleton
class FirstVersionIsOne implements EntityEventListener<Object>, Ordered {

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public boolean supports(RuntimePersistentEntity<Object> entity, Class<? extends Annotation> eventType) {
        return eventType == PrePersist.class && entity.getVersion() != null && !entity.getVersion().isGenerated();
    }

    @Override
    public boolean prePersist(@NonNull EntityEventContext<Object> context) {
        BeanProperty<Object, Object> version = context.getPersistentEntity().getVersion().getProperty();
        Class<?> type = version.getType();
        if (type == Long.class || type == long.class) {
            context.setProperty(version, 1L);
        } else if (type == Integer.class || type == int.class) {
            context.setProperty(version, 1);
        }
        return true;
    }
}
