package io.tributary.core.stream;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/** A {@link ConsumerStream} over a bounded queue: one Flow subscriber or one blocking iterator. */
final class QueueStream<T> extends QueuedConsumer<T> implements ConsumerStream<T> {

    private final AtomicBoolean claimed = new AtomicBoolean();
    private final String threadName;

    // Flow demand, guarded by demandLock; the delivery thread waits on it.
    private final ReentrantLock demandLock = new ReentrantLock();
    private final Condition demandChanged = demandLock.newCondition();
    private long demand;
    private boolean cancelled;
    private IllegalArgumentException badRequest;

    QueueStream(Hub<T> hub, Predicate<? super T> filter, StreamOptions options) {
        super(hub, filter, options);
        this.threadName = "tributary-" + hub.name() + "-" + options.name();
    }

    @Override
    public Iterator<T> iterator() {
        claim("iterator()");
        return new BlockingIterator();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super T> subscriber) {
        if (!claimed.compareAndSet(false, true)) {
            // Reactive Streams §1.9/§2.13: signal onSubscribe before rejecting.
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            subscriber.onError(new IllegalStateException("a ConsumerStream has one consumer; it is taken"));
            return;
        }
        Thread.ofVirtual().name(threadName).start(() -> deliver(subscriber));
    }

    private void claim(String what) {
        if (!claimed.compareAndSet(false, true)) {
            throw new IllegalStateException(what + ": a ConsumerStream has one consumer; it is taken");
        }
    }

    private void deliver(Flow.Subscriber<? super T> subscriber) {
        subscriber.onSubscribe(new DemandSubscription());
        try {
            while (awaitDemand()) {
                T message = queue.take();
                if (message == null) {
                    break;
                }
                subscriber.onNext(message);
            }
            if (isCancelled()) {
                return;
            }
            RuntimeException failure = endingError();
            if (failure != null) {
                subscriber.onError(failure);
            } else {
                subscriber.onComplete();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closed: end quietly
        } catch (RuntimeException e) {
            // Reactive Streams §2.13: a throwing subscriber is considered cancelled.
            close();
        }
    }

    /** @return true when there is demand, false when the stream ended while waiting */
    private boolean awaitDemand() throws InterruptedException {
        demandLock.lockInterruptibly();
        try {
            while (demand == 0 && !cancelled && badRequest == null && !queue.isFinished()) {
                demandChanged.await();
            }
            if (cancelled || badRequest != null || demand == 0) {
                return false;
            }
            if (demand != Long.MAX_VALUE) {
                demand--;
            }
            return true;
        } finally {
            demandLock.unlock();
        }
    }

    private RuntimeException endingError() {
        demandLock.lock();
        try {
            if (badRequest != null) {
                close();
                return badRequest;
            }
        } finally {
            demandLock.unlock();
        }
        return queue.failure();
    }

    private boolean isCancelled() {
        demandLock.lock();
        try {
            return cancelled;
        } finally {
            demandLock.unlock();
        }
    }

    private void signalDemand(Runnable change) {
        demandLock.lock();
        try {
            change.run();
            demandChanged.signalAll();
        } finally {
            demandLock.unlock();
        }
    }

    @Override
    void onEnded(boolean now) {
        signalDemand(() -> { });
    }

    private final class DemandSubscription implements Flow.Subscription {
        @Override
        public void request(long n) {
            if (n <= 0) {
                // Reactive Streams §3.9: non-positive demand is signalled to the subscriber as onError.
                signalDemand(() -> badRequest = new IllegalArgumentException("request(" + n + "): must be positive"));
                return;
            }
            signalDemand(() -> demand = demand + n < 0 ? Long.MAX_VALUE : demand + n);
        }

        @Override
        public void cancel() {
            signalDemand(() -> cancelled = true);
            close();
        }
    }

    private final class BlockingIterator implements Iterator<T> {
        private T next;

        @Override
        public boolean hasNext() {
            if (next != null) {
                return true;
            }
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while waiting for the next message");
            }
            if (next == null) {
                RuntimeException failure = queue.failure();
                if (failure != null) {
                    throw failure;
                }
                return false;
            }
            return true;
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException("the stream ended");
            }
            T message = next;
            next = null;
            return message;
        }
    }
}
